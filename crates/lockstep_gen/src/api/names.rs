//! The TypeScript name of an endpoint: its method and path in `PascalCase`, path parameters as
//! `By<Name>` (`GET /api/orders/{id}` → `GetApiOrdersById`), the root path as `Root`.

use lockstep_contract::model::{Casing, Endpoint, convert_case};

pub fn operation_name(endpoint: &Endpoint) -> String {
    let mut name = convert_case(&endpoint.method.as_str().to_ascii_lowercase(), Casing::PascalCase);
    let mut segments = 0;
    for segment in endpoint.path.split('/').filter(|s| !s.is_empty()) {
        segments += 1;
        let (prefix, word) = match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(param) => ("By", param),
            None => ("", segment),
        };
        name.push_str(prefix);
        // Characters a TypeScript name cannot hold separate words.
        let cleaned: String = word.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
        name.push_str(&convert_case(&cleaned, Casing::PascalCase));
    }
    if segments == 0 {
        name.push_str("Root");
    }
    name
}

#[cfg(test)]
mod tests {
    use lockstep_contract::model::Contract;

    fn names(contract: &str) -> Vec<String> {
        let mut sources = lockstep_diagnostics::Sources::new();
        let file = sources.add("test.lockstep", contract);
        let parsed = lockstep_contract::syntax::parse(file, sources.get(file).text());
        let contract: Contract = lockstep_contract::resolve::resolve(&sources, &[parsed.tree]).contract;
        crate::api::sorted_endpoints(&contract).into_iter().map(|(_, name)| name).collect()
    }

    #[test]
    fn endpoints_are_named_by_method_and_path_and_never_twice_alike() {
        let contract = "endpoint GET / { 200 text }\nendpoint GET /api/orders/{id: uuid} { 200 text }\nendpoint GET /api/orders-list { 200 text }\nendpoint GET /api/orders_list { 200 text }\n";
        // Paths sort by their bytes: `-` before `/` before `_`.
        assert_eq!(names(contract), ["GetRoot", "GetApiOrdersList", "GetApiOrdersById", "GetApiOrdersList2"]);
    }
}
