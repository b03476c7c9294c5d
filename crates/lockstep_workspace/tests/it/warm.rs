//! A workspace kept warm gives, after every kind of edit, exactly what a cold check of the same
//! files gives, and parses again only the source files that changed.

use std::path::{Path, PathBuf};

use lockstep_diagnostics::{RenderOptions, render_text};
use lockstep_workspace::Workspace;
use lockstep_workspace::check::{CheckOptions, Quiet};

/// The drifted shop (examples/drift.sh) in a folder of its own.
fn drifted_shop() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let shop = dir.path().join("shop");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/drift.sh");
    let status = std::process::Command::new("bash").arg(script).arg(&shop).status().expect("bash runs");
    assert!(status.success(), "examples/drift.sh failed");
    (dir, shop)
}

/// Every finding of a check, rendered with its code frame.
fn findings(workspace: &mut Workspace) -> Vec<String> {
    let checked = workspace.check(&Quiet).expect("the project checks");
    checked
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let mut text = String::new();
            render_text(&mut text, diagnostic, workspace.sources(), RenderOptions { color: false });
            text
        })
        .collect()
}

fn cold(root: &Path) -> Vec<String> {
    findings(&mut Workspace::new(Some(root), CheckOptions::default(), false))
}

/// The workspace checked again equals a cold check; returns its findings.
fn same_as_cold(workspace: &mut Workspace, root: &Path, what: &str) -> Vec<String> {
    let warm = findings(workspace);
    assert_eq!(warm, cold(root), "after {what}, the warm check differs from a cold one");
    warm
}

/// Modification times have a coarse grain on some file systems; an edit must look newer.
fn write(path: &Path, text: &str) {
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(path, text).expect("the file is written");
}

#[test]
fn a_warm_workspace_checks_as_a_cold_one_after_every_kind_of_edit() {
    let (_dir, shop) = drifted_shop();
    let mut workspace = Workspace::new(Some(&shop), CheckOptions::default(), false).watching();
    let first = findings(&mut workspace);
    assert!(first.len() >= 5, "the drifted shop has findings: {first:#?}");
    let parsed_cold = workspace.parsed_last();
    assert!(parsed_cold > 10, "the first check parses every source file ({parsed_cold})");

    // Nothing changed: nothing is parsed again, and the findings are the same.
    assert!(!workspace.refresh(), "no file changed");
    assert_eq!(findings(&mut workspace), first);
    assert_eq!(workspace.parsed_last(), 0);

    // A component edited on disk: a select of a column the contract does not have.
    let component = shop.join("app/products/page.tsx");
    let text = std::fs::read_to_string(&component).unwrap();
    let edited = text.replacen(".select('id, name,", ".select('id, no_such_column, name,", 1);
    assert_ne!(edited, text, "the component selects columns");
    write(&component, &edited);
    assert!(workspace.refresh(), "the edit is found");
    let after_edit = same_as_cold(&mut workspace, &shop, "a component edit");
    assert_eq!(workspace.parsed_last(), 1, "only the edited file is parsed again");
    assert!(after_edit.len() > first.len(), "the edit adds a finding");
    assert!(after_edit.iter().any(|f| f.contains("no_such_column")), "{after_edit:#?}");

    // The same file handed over in memory (an editor's buffer), then undone on disk.
    workspace.apply_change(Path::new("app/products/page.tsx"), Some(text.clone()));
    assert_eq!(findings(&mut workspace), first, "the buffer without the edit checks as the original");
    assert_eq!(workspace.parsed_last(), 1);
    write(&component, &text);
    workspace.apply_change(Path::new("app/products/page.tsx"), None);
    assert_eq!(same_as_cold(&mut workspace, &shop, "the edit undone"), first);

    // A new source file, then a migration, then an env file, then the contract.
    let page = shop.join("app/new-page.tsx");
    write(
        &page,
        "import { createClient } from '@/lib/supabase/client'\nexport async function load() {\n  const supabase = createClient()\n  return supabase.from('orders').select('id, not_a_column')\n}\n",
    );
    assert!(workspace.refresh(), "the new file is found");
    let with_page = same_as_cold(&mut workspace, &shop, "a new source file");
    assert_eq!(workspace.parsed_last(), 1, "only the new file is parsed");
    assert!(with_page.len() > first.len(), "{with_page:#?}");

    write(
        &shop.join("supabase/migrations/20991231000000_more.sql"),
        "alter table public.orders add column gift_note text;\n",
    );
    assert!(workspace.refresh());
    same_as_cold(&mut workspace, &shop, "a new migration");
    assert_eq!(workspace.parsed_last(), 0, "a migration parses no source file");

    let env = shop.join(".env");
    let env_text = std::fs::read_to_string(&env).unwrap();
    write(&env, &format!("{env_text}\nNEXT_PUBLIC_STRIPE_SECRET_KEY=sk_test_x\n"));
    assert!(workspace.refresh());
    same_as_cold(&mut workspace, &shop, "an env file edit");

    let contract = shop.join("contract/data.lockstep");
    let contract_text = std::fs::read_to_string(&contract).unwrap();
    write(&contract, &format!("{contract_text}\nentity Extra {{\n  id uuid @id @default(random)\n}}\n"));
    assert!(workspace.refresh());
    same_as_cold(&mut workspace, &shop, "a contract edit");

    std::fs::remove_file(&page).unwrap();
    assert!(workspace.refresh(), "the removed file is found");
    same_as_cold(&mut workspace, &shop, "a removed source file");
}

/// Edits handed over in memory reach every kind of file a check reads, not only the sources:
/// a workspace given the contract, a migration and an env file in memory checks exactly as a
/// cold check of a copy with those edits on disk.
#[test]
fn edits_in_memory_reach_the_contract_the_migrations_and_the_env_files() {
    let (_dir, shop) = drifted_shop();
    let (_other, on_disk) = drifted_shop();
    let mut workspace = Workspace::new(Some(&shop), CheckOptions::default(), false).watching();
    let before = findings(&mut workspace);
    let edit = |path: &str, from: &str, to: &str| {
        let text = std::fs::read_to_string(shop.join(path)).unwrap();
        assert!(text.contains(from), "{path} holds `{from}`");
        (path.to_owned(), text.replacen(from, to, 1))
    };
    let edits = [
        // A field the migrations never add: the database lacks its column.
        edit("contract/data.lockstep", "  avatarPath text?\n", "  avatarPath text?\n  nickname   text?\n"),
        // A column the contract does not describe.
        edit(
            "supabase/migrations/20240503090000_relax_order_edits.sql",
            "drop policy",
            "alter table public.orders add column gift_note text;\ndrop policy",
        ),
        // A secret production no longer has.
        edit(".env.production", "STRIPE_SECRET_KEY=sk_live_replace_me\n", ""),
        // Files that exist only in memory: a migration and a contract file.
        (
            "supabase/migrations/20991231000000_wishlist.sql".to_owned(),
            "create table public.wishlists (id uuid primary key, note text);\n".to_owned(),
        ),
        ("contract/coupons.lockstep".to_owned(), "entity Coupon {\n  id   uuid @id\n  code text\n}\n".to_owned()),
    ];
    for (path, text) in &edits {
        workspace.apply_change(Path::new(path), Some(text.clone()));
        std::fs::write(on_disk.join(path), text).unwrap();
    }
    let in_memory = findings(&mut workspace);
    assert_eq!(in_memory, cold(&on_disk), "the edits in memory check as the same edits on disk");
    for word in ["nickname", "gift_note", "STRIPE_SECRET_KEY", "wishlists", "coupons"] {
        assert!(
            in_memory.iter().filter(|f| f.contains(word)).count() > before.iter().filter(|f| f.contains(word)).count(),
            "an edit about `{word}` adds a finding: {in_memory:#?}"
        );
    }
    // Dropped again, the disk is read as it is.
    for (path, _) in &edits {
        workspace.apply_change(Path::new(path), None);
    }
    assert_eq!(findings(&mut workspace), before);
}
