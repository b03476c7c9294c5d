//! Following values inside one file: which variables hold a query's result, a response, or a
//! part of their data, through `await`, destructuring, `.then` callbacks, array callbacks,
//! `for ... of` and React state. Scopes are tracked so a shadowing name stops the flow; where
//! the flow leaves what can be seen (another module, a custom hook), nothing is recorded.

use oxc_ast::ast::{
    ArrowFunctionExpression, BindingPattern, CallExpression, ChainElement, Expression, FormalParameters, Function,
    Statement,
};

use crate::extract::Collector;
use crate::facts::{DataOrigin, Named, PathId, PathTree, Step, ValueRead};

/// Members that treat a value as an array: `Array.prototype`'s methods (mutating ones such as
/// `unshift` and `splice` included), not fields of the data. `keys`, `values`, `entries` and
/// `with` are left out: they are as often columns. A `match` rather than a list: this runs for
/// nearly every member expression, and a match compares only names of the same length.
fn is_array_member(name: &str) -> bool {
    matches!(
        name,
        "length"
            | "unshift"
            | "findLastIndex"
            | "lastIndexOf"
            | "flat"
            | "reduceRight"
            | "toReversed"
            | "toSpliced"
            | "copyWithin"
            | "fill"
            | "map"
            | "forEach"
            | "filter"
            | "find"
            | "findIndex"
            | "findLast"
            | "some"
            | "every"
            | "reduce"
            | "slice"
            | "sort"
            | "toSorted"
            | "includes"
            | "indexOf"
            | "flatMap"
            | "at"
            | "concat"
            | "join"
            | "reverse"
            | "push"
            | "splice"
            | "pop"
            | "shift"
    )
}

/// Members every value has, and a promise's (a body and the promise of it are not told apart);
/// reading them says nothing about the data's shape.
fn is_common_member(name: &str) -> bool {
    matches!(name, "toString" | "valueOf" | "hasOwnProperty" | "toJSON" | "constructor" | "then" | "catch" | "finally")
}

/// Member chains at least this long are read in one pass from the base
/// ([`Collector::long_chain_reads`]); shorter ones link by link.
const LONG_CHAIN: usize = 8;

/// One link of a member chain: `.name` or `["name"]`, `[0]`, or an index the file does not show.
pub(crate) enum ChainLink<'s> {
    Member(&'s str, lockstep_diagnostics::Span),
    Index(lockstep_diagnostics::Span),
    Other,
}

impl<'s> ChainLink<'s> {
    pub(crate) fn computed(file: lockstep_diagnostics::FileId, index: &'s Expression) -> ChainLink<'s> {
        match index.without_parentheses() {
            Expression::NumericLiteral(n) => {
                ChainLink::Index(lockstep_diagnostics::Span::new(file, n.span.start, n.span.end))
            }
            Expression::StringLiteral(s) => ChainLink::Member(
                s.value.as_str(),
                lockstep_diagnostics::Span::new(file, s.span.start + 1, s.span.end.saturating_sub(1)),
            ),
            _ => ChainLink::Other,
        }
    }
}

/// A path into data, as a node of the file's [`PathTree`]; `None` is the data itself.
pub(crate) type PathRef = Option<PathId>;

/// Finds or adds path nodes, so each distinct path is one node and following a value costs no
/// allocation once its path exists.
#[derive(Default)]
pub(crate) struct PathIndex {
    /// The children of the data itself, then of each node: a node has a handful, so a scan
    /// beats hashing.
    roots: Vec<PathId>,
    children: Vec<Vec<PathId>>,
}

/// A step before it is owned: looking a path up allocates nothing.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum StepRef<'s> {
    Field(&'s str),
    Element,
    ArrayUse(&'s str),
}

impl StepRef<'_> {
    fn matches(self, step: &Step) -> bool {
        match (self, step) {
            (StepRef::Field(a), Step::Field(b)) | (StepRef::ArrayUse(a), Step::ArrayUse(b)) => a == b,
            (StepRef::Element, Step::Element) => true,
            _ => false,
        }
    }

    fn to_owned_step(self) -> Step {
        match self {
            StepRef::Field(name) => Step::Field(name.to_owned()),
            StepRef::Element => Step::Element,
            StepRef::ArrayUse(name) => Step::ArrayUse(name.to_owned()),
        }
    }
}

impl PathIndex {
    fn step(&mut self, tree: &mut PathTree, parent: PathRef, step: StepRef) -> PathId {
        let siblings = match parent {
            None => &self.roots,
            Some(node) => &self.children[node as usize],
        };
        if let Some(&node) = siblings.iter().find(|&&node| step.matches(tree.step(node))) {
            return node;
        }
        let node = tree.push(parent, step.to_owned_step());
        self.children.push(Vec::new());
        match parent {
            None => self.roots.push(node),
            Some(parent) => self.children[parent as usize].push(node),
        }
        node
    }
}

/// What a variable holds, as far as this file shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    /// `{ data, error, count }` of a query or an rpc call; also the unfinished query builder.
    Result(DataOrigin),
    /// A `fetch` or `ky` response: `.json()` is the body, `.status` the status. An index into
    /// the file's HTTP calls.
    Response(usize),
    /// An axios response: `.data` is the body.
    AxiosResponse(usize),
    /// A JSON value at a path inside an origin's data.
    Data(DataOrigin, PathRef),
}

#[derive(Clone, Debug)]
pub(crate) enum Binding {
    Value(Value),
    /// A name that hides an outer binding and holds nothing followed.
    Shadow,
    /// `const [rows, setRows] = useState(...)`: `rows` reads the slot.
    State(usize),
    /// `setRows`: calling it fills the slot.
    Setter(usize),
    /// `const TABLE = 'orders'`: a name for a string, followed where a table, function or
    /// bucket name is expected. A `const` cannot be reassigned, and the scopes handle shadowing.
    Text(String),
}

/// What a React state variable was set to; conflicting values poison it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Slot {
    value: Option<Value>,
    poisoned: bool,
}

/// Nested lexical scopes as one stack of bindings with the start of each scope; only names that
/// matter are kept. A lookup scans from the innermost binding, comparing a cheap tag of the name
/// before the name itself: it runs for nearly every member expression.
#[derive(Default)]
pub(crate) struct Scopes {
    bindings: Vec<(u64, String, Binding)>,
    starts: Vec<usize>,
    slots: Vec<Slot>,
}

/// The name's length and first eight bytes: different for nearly all names of one scope.
fn tag(name: &str) -> u64 {
    let mut head = [0u8; 8];
    let n = name.len().min(8);
    head[..n].copy_from_slice(&name.as_bytes()[..n]);
    u64::from_le_bytes(head) ^ ((name.len() as u64) << 56)
}

impl Scopes {
    pub fn push(&mut self) {
        self.starts.push(self.bindings.len());
    }

    pub fn pop(&mut self) {
        if let Some(start) = self.starts.pop() {
            self.bindings.truncate(start);
        }
    }

    fn position(&self, name: &str) -> Option<usize> {
        let tag = tag(name);
        self.bindings.iter().rposition(|(t, n, _)| *t == tag && n == name)
    }

    fn lookup(&self, name: &str) -> Option<&Binding> {
        if self.bindings.is_empty() {
            return None;
        }
        self.position(name).map(|i| &self.bindings[i].2)
    }

    /// Whether `name` holds a followed value (not a shadow, a setter or nothing).
    pub fn holds(&self, name: &str) -> bool {
        matches!(self.lookup(name), Some(Binding::Value(_) | Binding::State(_)))
    }

    fn declare(&mut self, name: &str, binding: Binding) {
        // Only names that hold something, or hide such a name, are worth a slot.
        if matches!(binding, Binding::Shadow) && !matches!(self.lookup(name), Some(b) if !matches!(b, Binding::Shadow))
        {
            return;
        }
        self.bindings.push((tag(name), name.to_owned(), binding));
    }

    /// `name = value`: changes the innermost binding of `name`.
    fn assign(&mut self, name: &str, value: Option<Value>) {
        let Some(index) = self.position(name) else { return };
        let binding = &mut self.bindings[index].2;
        if matches!(binding, Binding::Value(_) | Binding::Shadow) {
            *binding = value.map_or(Binding::Shadow, Binding::Value);
        }
    }

    fn value(&self, name: &str) -> Option<Value> {
        match self.lookup(name)? {
            Binding::Value(value) => Some(*value),
            Binding::State(slot) => {
                let slot = &self.slots[*slot];
                if slot.poisoned { None } else { slot.value }
            }
            Binding::Shadow | Binding::Setter(_) | Binding::Text(_) => None,
        }
    }

    /// The string a `const` name stands for, where it is visible.
    pub fn text(&self, name: &str) -> Option<&str> {
        match self.lookup(name)? {
            Binding::Text(text) => Some(text),
            _ => None,
        }
    }

    /// `const name = 'text'`.
    pub fn declare_text(&mut self, name: &str, text: String) {
        self.declare(name, Binding::Text(text));
    }

    fn new_slot(&mut self, value: Option<Value>) -> usize {
        self.slots.push(Slot { value, poisoned: false });
        self.slots.len() - 1
    }

    fn set_slot(&mut self, slot: usize, value: Value) {
        let slot = &mut self.slots[slot];
        match &slot.value {
            None => slot.value = Some(value),
            Some(existing) if *existing == value => {}
            Some(_) => slot.poisoned = true,
        }
    }
}

/// One step further into data: `.name` on a value.
fn member_step(name: &str) -> StepRef<'_> {
    if is_array_member(name) { StepRef::ArrayUse(name) } else { StepRef::Field(name) }
}

impl Collector<'_> {
    /// What an expression evaluates to, without recording anything.
    pub(crate) fn eval(&mut self, expr: &Expression) -> Option<Value> {
        match expr.without_parentheses() {
            Expression::Identifier(id) => self.scopes.value(&id.name),
            Expression::AwaitExpression(e) => self.eval(&e.argument),
            Expression::TSAsExpression(e) => self.eval(&e.expression),
            Expression::TSSatisfiesExpression(e) => self.eval(&e.expression),
            Expression::TSNonNullExpression(e) => self.eval(&e.expression),
            Expression::LogicalExpression(e) => match e.operator {
                oxc_ast::ast::LogicalOperator::And => self.eval(&e.right),
                _ => self.eval(&e.left),
            },
            Expression::StaticMemberExpression(m) => {
                let object = self.eval(&m.object)?;
                self.member_value(object, &m.property.name)
            }
            Expression::ComputedMemberExpression(m) => {
                let object = self.eval(&m.object)?;
                match m.expression.without_parentheses() {
                    Expression::NumericLiteral(_) => match object {
                        Value::Data(origin, path) => {
                            Some(Value::Data(origin, Some(self.path_step(path, StepRef::Element))))
                        }
                        _ => None,
                    },
                    Expression::StringLiteral(s) => self.member_value(object, &s.value),
                    _ => None,
                }
            }
            Expression::ChainExpression(chain) => match &chain.expression {
                ChainElement::CallExpression(call) => self.call_value(call),
                ChainElement::StaticMemberExpression(m) => {
                    let object = self.eval(&m.object)?;
                    self.member_value(object, &m.property.name)
                }
                ChainElement::ComputedMemberExpression(m) => match m.expression.without_parentheses() {
                    Expression::NumericLiteral(_) => match self.eval(&m.object)? {
                        Value::Data(origin, path) => {
                            Some(Value::Data(origin, Some(self.path_step(path, StepRef::Element))))
                        }
                        _ => None,
                    },
                    _ => None,
                },
                _ => None,
            },
            Expression::CallExpression(call) => self.call_value(call),
            _ => None,
        }
    }

    fn call_value(&mut self, call: &CallExpression) -> Option<Value> {
        if let Some(origin) = self.chain_calls.get(&(call.span.start, call.span.end)) {
            return Some(Value::Result(*origin));
        }
        if let Some((index, value)) = self.record_http(call) {
            return Some(value.unwrap_or(Value::Response(index)));
        }
        let Expression::StaticMemberExpression(member) = call.callee.without_parentheses() else {
            return None;
        };
        let object = self.eval(&member.object)?;
        match (member.property.name.as_str(), object) {
            ("json", Value::Response(index)) => Some(Value::Data(DataOrigin::Response(index), None)),
            ("then", value) => self.then_value(call, value),
            ("find" | "findLast" | "at" | "pop" | "shift", Value::Data(origin, path)) => {
                Some(Value::Data(origin, Some(self.path_step(path, StepRef::Element))))
            }
            (
                "filter" | "slice" | "sort" | "toSorted" | "reverse" | "toReversed" | "concat",
                value @ Value::Data(..),
            )
            | ("throwOnError" | "returns", value @ Value::Result(_)) => Some(value),
            _ => None,
        }
    }

    /// `.then(cb)`: what the callback returns, its first parameter bound to `value`.
    fn then_value(&mut self, call: &CallExpression, value: Value) -> Option<Value> {
        let callback = call.arguments.first()?.as_expression()?;
        let Expression::ArrowFunctionExpression(arrow) = callback.without_parentheses() else { return None };
        let returned = returned_expression(arrow)?;
        let param = arrow.params.items.first()?;
        self.scopes.push();
        self.bind(&param.pattern, Some(value), false);
        let result = self.eval(returned);
        self.scopes.pop();
        result
    }

    /// Binds a pattern to a value; with `record`, destructured keys of data are reads.
    pub(crate) fn bind(&mut self, pattern: &BindingPattern, value: Option<Value>, record: bool) {
        match pattern {
            BindingPattern::BindingIdentifier(id) => {
                self.scopes.declare(&id.name, value.map_or(Binding::Shadow, Binding::Value));
            }
            BindingPattern::ObjectPattern(object) => {
                for property in &object.properties {
                    let key = if property.computed { None } else { property.key.static_name() };
                    let sub = match (&value, &key) {
                        (Some(value), Some(key)) => {
                            if record {
                                if let Value::Data(origin, path) = *value {
                                    let span = self.key_span(oxc_span::GetSpan::span(&property.key));
                                    let path = Some(self.path_step(path, StepRef::Field(key)));
                                    self.read(origin, path, span);
                                }
                            }
                            self.member_value(*value, key)
                        }
                        _ => None,
                    };
                    self.bind(&property.value, sub, record);
                }
                if let Some(rest) = &object.rest {
                    self.bind(&rest.argument, None, false);
                }
            }
            BindingPattern::ArrayPattern(array) => {
                for element in array.elements.iter().flatten() {
                    let sub = match &value {
                        Some(Value::Data(origin, path)) => {
                            Some(Value::Data(*origin, Some(self.path_step(*path, StepRef::Element))))
                        }
                        _ => None,
                    };
                    self.bind(element, sub, record);
                }
                if let Some(rest) = &array.rest {
                    self.bind(&rest.argument, None, false);
                }
            }
            BindingPattern::AssignmentPattern(assignment) => self.bind(&assignment.left, value, record),
        }
    }

    /// `const [rows, setRows] = useState(initial)`: true when it was one.
    pub(crate) fn bind_state(&mut self, pattern: &BindingPattern, init: &Expression) -> bool {
        let BindingPattern::ArrayPattern(array) = pattern else { return false };
        let Expression::CallExpression(call) = init.without_parentheses() else { return false };
        let is_use_state = match call.callee.without_parentheses() {
            Expression::Identifier(id) => id.name == "useState",
            Expression::StaticMemberExpression(m) => m.property.name == "useState",
            _ => false,
        };
        let (
            Some(Some(BindingPattern::BindingIdentifier(state))),
            Some(Some(BindingPattern::BindingIdentifier(setter))),
        ) = (array.elements.first(), array.elements.get(1))
        else {
            return false;
        };
        if !is_use_state {
            return false;
        }
        let initial = call.arguments.first().and_then(|a| a.as_expression()).and_then(|e| self.eval(e));
        let slot = self.scopes.new_slot(initial);
        self.scopes.declare(&state.name, Binding::State(slot));
        self.scopes.declare(&setter.name, Binding::Setter(slot));
        true
    }

    /// `setRows(value)`: fills the state slot.
    pub(crate) fn state_setter_call(&mut self, call: &CallExpression) {
        let Expression::Identifier(callee) = call.callee.without_parentheses() else { return };
        let Some(Binding::Setter(slot)) = self.scopes.lookup(&callee.name).cloned() else { return };
        let Some(value) = call.arguments.first().and_then(|a| a.as_expression()).and_then(|e| self.eval(e)) else {
            return;
        };
        self.scopes.set_slot(slot, value);
    }

    /// `name = value`
    pub(crate) fn assign(&mut self, name: &str, value: &Expression) {
        let value = self.eval(value);
        self.scopes.assign(name, value);
    }

    /// Before a call's arguments are visited: the parameters its callbacks will receive.
    pub(crate) fn schedule_callbacks(&mut self, call: &CallExpression) {
        let Expression::StaticMemberExpression(member) = call.callee.without_parentheses() else { return };
        let method = member.property.name.as_str();
        let (argument, params): (usize, &[usize]) = match method {
            "then" | "map" | "forEach" | "filter" | "find" | "findIndex" | "findLast" | "findLastIndex" | "some"
            | "every" | "flatMap" => (0, &[0]),
            "sort" | "toSorted" => (0, &[0, 1]),
            "reduce" | "reduceRight" => (0, &[1]),
            _ => return,
        };
        let Some(params_span) = call.arguments.get(argument).and_then(|a| a.as_expression()).and_then(callback_params)
        else {
            return;
        };
        let Some(object) = self.eval(&member.object) else { return };
        let value = match (method, object) {
            ("then", value) => value,
            (_, Value::Data(origin, path)) => Value::Data(origin, Some(self.path_step(path, StepRef::Element))),
            _ => return,
        };
        for &index in params {
            self.pending_params.insert((params_span, index), value);
        }
    }

    /// Binds a function's parameters: to what a scheduled callback receives, or as shadows.
    pub(crate) fn bind_params(&mut self, params: &FormalParameters) {
        for (index, param) in params.items.iter().enumerate() {
            let value = if self.pending_params.is_empty() {
                None
            } else {
                self.pending_params.remove(&(params.span.start, index))
            };
            self.bind(&param.pattern, value, true);
        }
    }

    /// `for (const row of rows)`: `row` is an element.
    pub(crate) fn for_of_value(&mut self, right: &Expression) -> Option<Value> {
        match self.eval(right)? {
            Value::Data(origin, path) => Some(Value::Data(origin, Some(self.path_step(path, StepRef::Element)))),
            _ => None,
        }
    }

    /// A member read on data: `row.total`, `json.data`, `rows.map`.
    pub(crate) fn member_read(&mut self, object: &Expression, name: &str, span: lockstep_diagnostics::Span) {
        if is_common_member(name) || !self.may_hold_data(object) {
            return;
        }
        if let Some(Value::Data(origin, path)) = self.eval(object) {
            let path = Some(self.path_step(path, member_step(name)));
            self.read(origin, path, span);
        }
    }

    /// The reads of a long member chain (`a.b.c...`), all at once, from its base up: reading
    /// each link from the base would cost the square of the chain's length, since the visitor
    /// reaches every link and each walks down to the base. `member` is the link being visited,
    /// `object` what it reads from. Returns whether the link's read is taken care of: by this
    /// pass, or by the pass of a longer chain it is part of; a short chain is left to
    /// [`Self::member_read`] and [`Self::index_read`].
    pub(crate) fn long_chain_reads<'s>(
        &mut self,
        member: oxc_span::Span,
        object: &'s Expression<'s>,
        link: ChainLink<'s>,
    ) -> bool {
        let key = (member.start, member.end);
        if self.chain_links_done.remove(&key) {
            return true;
        }
        let mut length = 1;
        let mut at = object;
        while length < LONG_CHAIN {
            at = match at {
                Expression::ParenthesizedExpression(e) => &e.expression,
                Expression::TSNonNullExpression(e) => &e.expression,
                Expression::TSAsExpression(e) => &e.expression,
                Expression::StaticMemberExpression(m) => &m.object,
                Expression::ComputedMemberExpression(m) => &m.object,
                _ => return false,
            };
            length += usize::from(matches!(
                at,
                Expression::StaticMemberExpression(_) | Expression::ComputedMemberExpression(_)
            ));
        }
        let mut links = vec![(key, link)];
        let mut at = object;
        loop {
            at = match at {
                Expression::ParenthesizedExpression(e) => &e.expression,
                Expression::TSNonNullExpression(e) => &e.expression,
                Expression::TSAsExpression(e) => &e.expression,
                Expression::StaticMemberExpression(m) => {
                    let span = self.span(m.property.span);
                    links.push(((m.span.start, m.span.end), ChainLink::Member(m.property.name.as_str(), span)));
                    &m.object
                }
                Expression::ComputedMemberExpression(m) => {
                    links.push(((m.span.start, m.span.end), ChainLink::computed(self.file, &m.expression)));
                    &m.object
                }
                _ => break,
            };
        }
        if links.len() < LONG_CHAIN {
            return false;
        }
        let mut value = if self.may_hold_data(at) { self.eval(at) } else { None };
        for (index, (key, link)) in links.into_iter().enumerate().rev() {
            if index > 0 {
                self.chain_links_done.insert(key);
            }
            value = match (link, value) {
                (ChainLink::Member(name, span), Some(object)) => {
                    if let Value::Data(origin, path) = object
                        && !is_common_member(name)
                    {
                        let path = Some(self.path_step(path, member_step(name)));
                        self.read(origin, path, span);
                    }
                    self.member_value(object, name)
                }
                (ChainLink::Index(span), Some(Value::Data(origin, path))) => {
                    let path = Some(self.path_step(path, StepRef::Element));
                    self.read(origin, path, span);
                    Some(Value::Data(origin, path))
                }
                _ => None,
            };
        }
        true
    }

    /// A cheap test before [`Self::eval`]: a member chain whose base is a name that holds
    /// nothing followed cannot be data. Most member expressions (`console.log`, `props.x`)
    /// stop here.
    fn may_hold_data(&self, expr: &Expression) -> bool {
        match expr.without_parentheses() {
            Expression::Identifier(id) => {
                matches!(self.scopes.lookup(&id.name), Some(Binding::Value(_) | Binding::State(_)))
            }
            Expression::StaticMemberExpression(m) => self.may_hold_data(&m.object),
            Expression::ComputedMemberExpression(m) => self.may_hold_data(&m.object),
            Expression::TSNonNullExpression(e) => self.may_hold_data(&e.expression),
            Expression::TSAsExpression(e) => self.may_hold_data(&e.expression),
            Expression::ChainExpression(chain) => match &chain.expression {
                ChainElement::StaticMemberExpression(m) => self.may_hold_data(&m.object),
                ChainElement::ComputedMemberExpression(m) => self.may_hold_data(&m.object),
                _ => true,
            },
            _ => true,
        }
    }

    /// An index read on data: `rows[0]`.
    pub(crate) fn index_read(&mut self, object: &Expression, span: lockstep_diagnostics::Span) {
        if !self.may_hold_data(object) {
            return;
        }
        if let Some(Value::Data(origin, path)) = self.eval(object) {
            let path = Some(self.path_step(path, StepRef::Element));
            self.read(origin, path, span);
        }
    }

    /// `res.status === 404` or `case 404:` on `res.status`: the response's call, if followed.
    pub(crate) fn status_of(&mut self, expr: &Expression) -> Option<usize> {
        let Expression::StaticMemberExpression(member) = expr.without_parentheses() else { return None };
        if member.property.name != "status" {
            return None;
        }
        match self.eval(&member.object)? {
            Value::Response(index) | Value::AxiosResponse(index) => Some(index),
            _ => None,
        }
    }

    fn read(&mut self, origin: DataOrigin, path: PathRef, span: lockstep_diagnostics::Span) {
        if let Some(path) = path {
            self.facts.reads.push(ValueRead { origin, path, span });
        }
    }

    fn path_step(&mut self, parent: PathRef, step: StepRef) -> PathId {
        self.paths.step(&mut self.facts.paths, parent, step)
    }

    /// A status code literal (a whole number from 100 to 599, as written) with its span.
    pub(crate) fn number(&self, expr: &Expression) -> Option<(u16, Named)> {
        let Expression::NumericLiteral(n) = expr.without_parentheses() else { return None };
        let text = self.text.get(n.span.start as usize..n.span.end as usize)?;
        let status: u16 = text.parse().ok()?;
        (100..=599).contains(&status).then(|| (status, Named { name: text.to_owned(), span: self.span(n.span) }))
    }

    /// What a member of a followed value holds.
    fn member_value(&mut self, object: Value, name: &str) -> Option<Value> {
        match (object, name) {
            (Value::Result(origin), "data") => Some(Value::Data(origin, None)),
            (Value::AxiosResponse(index), "data") => Some(Value::Data(DataOrigin::Response(index), None)),
            (Value::Data(origin, path), name) if !is_array_member(name) && !is_common_member(name) => {
                Some(Value::Data(origin, Some(self.path_step(path, StepRef::Field(name)))))
            }
            _ => None,
        }
    }
}

/// The expression an arrow function returns: its body, or a block's only `return`.
fn returned_expression<'b, 'a>(arrow: &'b ArrowFunctionExpression<'a>) -> Option<&'b Expression<'a>> {
    if let Some(expr) = arrow.get_expression() {
        return Some(expr);
    }
    let body = arrow.get_function_body()?;
    let mut returns = body.statements.iter().filter_map(|s| match s {
        Statement::ReturnStatement(r) => r.argument.as_ref(),
        _ => None,
    });
    let first = returns.next()?;
    returns.next().is_none().then_some(first)
}

/// Where a callback's parameters start, to recognise them when they are visited.
fn callback_params(expr: &Expression) -> Option<u32> {
    match expr.without_parentheses() {
        Expression::ArrowFunctionExpression(arrow) => Some(arrow.params.span.start),
        Expression::FunctionExpression(function) => Some(function_params(function)),
        _ => None,
    }
}

fn function_params(function: &Function) -> u32 {
    function.params.span.start
}
