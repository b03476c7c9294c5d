//! The syntax tree of one contract file: every construct as written, with spans, plus the
//! comments the formatter needs to put back. Nothing here is resolved or validated.

use lockstep_diagnostics::{FileId, Span};

/// A parsed file. `comments` holds the plain `//` comments in source order; doc comments are
/// attached to what they document.
#[derive(Clone, Debug)]
pub struct SourceTree {
    pub file: FileId,
    pub items: Vec<Item>,
    pub comments: Vec<Comment>,
}

#[derive(Clone, Debug)]
pub struct Comment {
    pub span: Span,
}

/// `/// text` lines in front of an item, a member or a value.
#[derive(Clone, Debug, Default)]
pub struct Docs {
    pub lines: Vec<Span>,
}

impl Docs {
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Where the documented thing starts for layout purposes: its first doc line.
    pub fn start(&self) -> Option<u32> {
        self.lines.first().map(|s| s.start)
    }
}

/// An identifier or a quoted name, unquoted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Item {
    pub docs: Docs,
    pub span: Span,
    pub kind: ItemKind,
}

#[derive(Clone, Debug)]
pub enum ItemKind {
    Naming(Vec<NamingRule>),
    Enum(EnumDecl),
    Entity(EntityDecl),
    Type(TypeDecl),
    Endpoint(EndpointDecl),
    Env(Vec<EnvMember>),
    Webhook(WebhookDecl),
    Bucket(BucketDecl),
    Function(FunctionDecl),
}

/// `db = snake_case`
#[derive(Clone, Debug)]
pub struct NamingRule {
    pub span: Span,
    pub key: Name,
    pub value: Name,
}

#[derive(Clone, Debug)]
pub struct EnumDecl {
    pub name: Name,
    pub attrs: Vec<Attr>,
    pub values: Vec<EnumValue>,
}

#[derive(Clone, Debug)]
pub struct EnumValue {
    pub docs: Docs,
    pub name: Name,
    /// `@was(old)` and the like, after the value on its line.
    pub attrs: Vec<Attr>,
}

impl EnumValue {
    /// The value and its attributes.
    pub fn span(&self) -> Span {
        self.attrs.last().map_or(self.name.span, |attr| self.name.span.cover(attr.span))
    }
}

#[derive(Clone, Debug)]
pub struct EntityDecl {
    pub name: Name,
    pub attrs: Vec<Attr>,
    pub members: Vec<Member>,
}

#[derive(Clone, Debug)]
pub struct Member {
    pub docs: Docs,
    pub span: Span,
    pub kind: MemberKind,
}

#[derive(Clone, Debug)]
pub enum MemberKind {
    Field(Field),
    /// `@@id(a, b)`, `@@unique(...)`, `@@index(...)`, `@@check(...)`
    BlockAttr(Attr),
    Policy(Policy),
}

/// `name type? = default @attr -> Entity.field on delete cascade`
#[derive(Clone, Debug)]
pub struct Field {
    pub name: Name,
    pub ty: TypeRef,
    pub nullable: bool,
    pub default: Option<Value>,
    pub attrs: Vec<Attr>,
    pub reference: Option<Reference>,
}

/// A column type as written: `varchar(80)`, `OrderStatus[]`.
#[derive(Clone, Debug)]
pub struct TypeRef {
    pub span: Span,
    pub name: Name,
    pub args: Vec<(u32, Span)>,
    pub array_depth: u8,
}

/// `-> User.id on delete cascade`, or `-> auth.users.id` for a table outside the contract.
#[derive(Clone, Debug)]
pub struct Reference {
    pub span: Span,
    /// The target, then the field: `[User, id]` or `[auth, users, id]`.
    pub path: Vec<Name>,
    /// The action words as written: `cascade`, `set null`, ...
    pub on_delete: Option<(String, Span)>,
}

/// `@name` or `@name(args)`; `@@name(args)` in block position.
#[derive(Clone, Debug)]
pub struct Attr {
    pub span: Span,
    pub name: Name,
    pub args: Option<Vec<Arg>>,
}

/// A positional or `key: value` argument.
#[derive(Clone, Debug)]
pub struct Arg {
    pub key: Option<Name>,
    pub value: Value,
}

#[derive(Clone, Debug)]
pub enum Value {
    String { value: String, span: Span },
    Number { text: String, span: Span },
    Bool { value: bool, span: Span },
    Null { span: Span },
    Ident(Name),
    Raw { sql: String, span: Span },
    Call { name: Name, args: Vec<Arg>, span: Span },
    List { items: Vec<Value>, span: Span },
}

impl Value {
    pub fn span(&self) -> Span {
        match self {
            Value::String { span, .. }
            | Value::Number { span, .. }
            | Value::Bool { span, .. }
            | Value::Null { span }
            | Value::Raw { span, .. }
            | Value::Call { span, .. }
            | Value::List { span, .. } => *span,
            Value::Ident(name) => name.span,
        }
    }
}

/// `allow select, update to authenticated when expr check expr`
#[derive(Clone, Debug)]
pub struct Policy {
    pub operations: Vec<Name>,
    pub roles: Vec<Name>,
    pub using: Option<Expr>,
    pub check: Option<Expr>,
}

#[derive(Clone, Debug)]
pub enum Expr {
    Or(Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Not(Box<Expr>, Span),
    Compare {
        lhs: Box<Expr>,
        negated: bool,
        rhs: Box<Expr>,
    },
    In {
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// `ownerId`, `auth.uid`
    Path(Vec<Name>),
    Literal(Value),
    List(Vec<Expr>, Span),
    Group(Box<Expr>, Span),
}

impl Expr {
    pub fn span(&self) -> Span {
        match self {
            Expr::Or(a, b) | Expr::And(a, b) => a.span().cover(b.span()),
            Expr::Compare { lhs, rhs, .. } | Expr::In { lhs, rhs } => lhs.span().cover(rhs.span()),
            Expr::Not(_, span) | Expr::List(_, span) | Expr::Group(_, span) => *span,
            Expr::Path(parts) => parts[0].span.cover(parts[parts.len() - 1].span),
            Expr::Literal(value) => value.span(),
        }
    }
}

/// `type Name { ... }` or `type Name = shape`
#[derive(Clone, Debug)]
pub struct TypeDecl {
    pub name: Name,
    pub shape: Shape,
}

#[derive(Clone, Debug)]
pub struct Shape {
    pub span: Span,
    pub kind: ShapeKind,
}

#[derive(Clone, Debug)]
pub enum ShapeKind {
    Object(Vec<ShapeField>),
    /// A scalar, enum, entity or type name, with scalar arguments as in `varchar(80)`.
    Named(TypeRef),
    /// `Pick<Customer, id | email>` or `Omit<...>`
    Select {
        omit: bool,
        base: Name,
        fields: Vec<Name>,
    },
    Array(Box<Shape>),
    Nullable(Box<Shape>),
}

/// `name?: shape = default`
#[derive(Clone, Debug)]
pub struct ShapeField {
    pub docs: Docs,
    pub span: Span,
    pub name: Name,
    pub optional: bool,
    pub shape: Shape,
    pub default: Option<Value>,
}

#[derive(Clone, Debug)]
pub struct EndpointDecl {
    pub method: Name,
    pub path: PathPattern,
    pub members: Vec<EndpointMember>,
}

#[derive(Clone, Debug)]
pub struct PathPattern {
    pub span: Span,
    pub segments: Vec<PathSegment>,
}

#[derive(Clone, Debug)]
pub enum PathSegment {
    Literal(Name),
    Param { name: Name, ty: Option<TypeRef> },
}

#[derive(Clone, Debug)]
pub struct EndpointMember {
    pub docs: Docs,
    pub span: Span,
    pub kind: EndpointMemberKind,
}

#[derive(Clone, Debug)]
pub enum EndpointMemberKind {
    Auth(Name),
    Query(Vec<ShapeField>, Span),
    Headers(Vec<ShapeField>, Span),
    Body(Shape),
    Response { status: (u16, Span), shape: Option<Shape> },
}

#[derive(Clone, Debug)]
pub struct EnvMember {
    pub docs: Docs,
    pub span: Span,
    pub kind: EnvMemberKind,
}

#[derive(Clone, Debug)]
pub enum EnvMemberKind {
    Environments(Vec<Name>),
    Var { name: Name, ty: Name, visibility: Option<Name>, attrs: Vec<Attr> },
}

#[derive(Clone, Debug)]
pub struct WebhookDecl {
    pub method: Option<Name>,
    pub path: PathPattern,
    pub members: Vec<WebhookMember>,
}

#[derive(Clone, Debug)]
pub struct WebhookMember {
    pub docs: Docs,
    pub span: Span,
    pub kind: WebhookMemberKind,
}

#[derive(Clone, Debug)]
pub enum WebhookMemberKind {
    Signature { scheme: Name, args: Vec<Arg> },
    Idempotency(Vec<Name>),
    Body(Shape),
}

#[derive(Clone, Debug)]
pub struct BucketDecl {
    pub name: Name,
    pub members: Vec<BucketMember>,
}

#[derive(Clone, Debug)]
pub struct BucketMember {
    pub docs: Docs,
    pub span: Span,
    pub kind: BucketMemberKind,
}

#[derive(Clone, Debug)]
pub enum BucketMemberKind {
    /// `public` or `private`
    Access(Name),
    MaxSize(Value),
    MimeTypes(Vec<Value>, Span),
}

/// `function order_total { args { order_id: uuid } returns int }`: a database function the app
/// calls through supabase-js `.rpc()`.
#[derive(Clone, Debug)]
pub struct FunctionDecl {
    pub name: Name,
    pub members: Vec<FunctionMember>,
}

#[derive(Clone, Debug)]
pub struct FunctionMember {
    pub docs: Docs,
    pub span: Span,
    pub kind: FunctionMemberKind,
}

#[derive(Clone, Debug)]
pub enum FunctionMemberKind {
    Args(Vec<ShapeField>, Span),
    Returns(Shape),
}
