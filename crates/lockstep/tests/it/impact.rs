//! `lockstep impact`: every place that depends on a contract element, on the shipped example
//! and on its drifted copy.

use std::fmt::Write as _;

use crate::support::{drifted_shop, json, lockstep, repo_root};

/// `file:line` of every place in a group of `lockstep impact --format json`.
fn places(element: &str, project: &str, group: &str) -> Vec<String> {
    let run = lockstep(&repo_root(), &["impact", element, project, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let value = json(&run.stdout);
    value["places"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["group"] == group)
        .map(|p| format!("{}:{}", p["file"].as_str().unwrap(), p["line"]))
        .collect()
}

#[test]
fn the_places_of_each_kind_of_element_in_the_example() {
    let mut shown = String::new();
    for element in [
        "Order.status",
        "entity Profile",
        "OrderStatus.cancelled",
        "DELETE /api/orders/{id}",
        "STRIPE_WEBHOOK_SECRET",
        "order_item_count",
        "product-images",
    ] {
        let run = lockstep(&repo_root(), &["impact", element, "examples/shop"]);
        assert_eq!(run.code, 0, "{element}: {}", run.stderr);
        let _ = write!(shown, "$ lockstep impact {element:?}\n{}\n", run.stdout);
    }
    insta::assert_snapshot!(shown);
}

#[test]
fn a_field_reaches_its_selects_filters_payloads_reads_and_migration() {
    let shop = "examples/shop";
    let code = places("Order.status", shop, "code");
    for expected in [
        "app/api/orders/[id]/route.ts:9",
        "app/api/orders/[id]/route.ts:11",
        "app/api/webhooks/stripe/route.ts:24",
        "app/api/webhooks/stripe/route.ts:26",
        "app/orders/page.tsx:22",
        "app/orders/page.tsx:25",
        "app/orders/page.tsx:36",
        "app/orders/page.tsx:43",
    ] {
        assert!(code.contains(&expected.to_owned()), "{expected} missing from {code:?}");
    }
    assert_eq!(places("Order.status", shop, "migrations"), ["supabase/migrations/20240301090000_init.sql:36"]);
    // The database's names find the same element.
    assert_eq!(places("orders.status", shop, "code"), code);

    let run = lockstep(&repo_root(), &["impact", "Order.status", shop, "--format", "json"]);
    let value = json(&run.stdout);
    let total: u64 = value["groups"].as_array().unwrap().iter().map(|g| g["places"].as_u64().unwrap()).sum();
    assert_eq!(total as usize, value["places"].as_array().unwrap().len());
    assert_eq!(value["definition"]["file"], "contract/data.lockstep");
    assert!(value["file_tokens"].as_u64().unwrap() > value["tokens"].as_u64().unwrap(), "{value}");
}

#[test]
fn drift_moves_the_places() {
    let (_dir, shop) = drifted_shop();
    let shop = shop.to_str().unwrap();
    // The drifted page writes `canceled`: it no longer uses the value `cancelled`.
    let clean = places("OrderStatus.cancelled", "examples/shop", "code");
    let drifted = places("OrderStatus.cancelled", shop, "code");
    assert!(clean.contains(&"app/orders/page.tsx:36".to_owned()), "{clean:?}");
    assert!(!drifted.iter().any(|p| p.starts_with("app/orders/page.tsx")), "{drifted:?}");
    // The rename migration the drift added is a place of the field it renamed.
    let migrations = places("Profile.fullName", shop, "migrations");
    assert!(
        migrations.contains(&"supabase/migrations/20240501090000_rename_full_name.sql:1".to_owned()),
        "{migrations:?}"
    );
    // The secret the drift reads in client code.
    let code = places("STRIPE_SECRET_KEY", shop, "code");
    assert!(code.contains(&"app/orders/page.tsx:17".to_owned()), "{code:?}");
    assert_eq!(places("STRIPE_WEBHOOK_SECRET", shop, "env").len(), 2, "production lost it");
}

#[test]
fn an_unknown_element_is_an_error_with_a_suggestion() {
    let run = lockstep(&repo_root(), &["impact", "Order.stauts", "examples/shop"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("did you mean `status`?"), "{}", run.stderr);
}
