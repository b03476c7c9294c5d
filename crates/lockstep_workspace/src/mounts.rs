//! Routers mounted from other files: `app.use('/api', orders)` with `orders` imported from
//! `./routes/orders` gives every handler of that file the mount's prefix. `check` and `init` see
//! the same paths.

/// Every handler with its full path: a router mounted from another file (`app.use('/api',
/// orders)` with `orders` imported from `./routes/orders`) gets the mount's prefix.
pub fn mounted_handlers(
    mut routes: Vec<(String, lockstep_ts::routes::RouteFile)>,
) -> Vec<lockstep_ts::routes::RouteHandler> {
    let mut prefixes: Vec<(usize, String)> = Vec::new();
    for (path, file) in &routes {
        let folder = path.rsplit_once('/').map_or("", |(folder, _)| folder);
        for mount in &file.mounts {
            let target = normalize(&format!("{folder}/{}", mount.source));
            let found = routes.iter().position(|(other, _)| {
                let stem = other.rsplit_once('.').map_or(other.as_str(), |(stem, _)| stem);
                stem == target || stem == format!("{target}/index")
            });
            if let Some(index) = found {
                prefixes.push((index, mount.prefix.clone()));
            }
        }
    }
    for (index, prefix) in prefixes {
        for handler in &mut routes[index].1.handlers {
            handler.path =
                format!("{}{}", prefix.trim_end_matches('/'), if handler.path == "/" { "" } else { &handler.path });
        }
    }
    routes.into_iter().flat_map(|(_, file)| file.handlers).collect()
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let stripped = parts.join("/");
    for extension in [".ts", ".js", ".mjs", ".cjs", ".mts", ".cts"] {
        if let Some(stem) = stripped.strip_suffix(extension) {
            return stem.to_owned();
        }
    }
    stripped
}
