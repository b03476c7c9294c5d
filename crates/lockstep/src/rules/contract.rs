//! The rules of the contract language itself: syntax and resolution.

use lockstep_diagnostics::Severity;

use super::{Example, Layer, Rule};

pub const CONTRACT: Layer = Layer {
    name: "contract",
    title: "The contract",
    page: Some("contract-language.md"),
    rules: &[
        Rule {
            code: "contract/syntax-error",
            severity: Severity::Error,
            summary: "the contract does not follow the grammar",
            explanation: "The text of a `.lockstep` file cannot be read as contract items: a missing type, an unclosed `{`, an unterminated string, a status that is not an HTTP status. The parser recovers and reports every syntax error of a file in one run (up to 50), but the layers are not checked against a contract with errors.",
            example: Example {
                language: "lockstep",
                code: r"
entity Order {
  id uuid @id
  total
}
",
            },
            fix: "Write what the message says was expected at the marked place; docs/contract-language.md has the grammar of every item.",
        },
        Rule {
            code: "contract/duplicate-name",
            severity: Severity::Error,
            summary: "a name is defined twice",
            explanation: "Enums, entities and types share one namespace across every contract file, and fields, enum values, env variables, buckets and webhooks are unique within their block. A second definition would make every reference to the name ambiguous.",
            example: Example {
                language: "lockstep",
                code: r"
enum Status { active archived }
entity Status { id uuid @id }
",
            },
            fix: "Rename or remove one of the two definitions; the finding points at both.",
        },
        Rule {
            code: "contract/duplicate-item",
            severity: Severity::Error,
            summary: "a second naming or env block",
            explanation: "A contract has at most one `naming` block and one `env` block, however many files it spans. Two blocks could disagree on a naming rule or on a variable, and neither would clearly win.",
            example: Example {
                language: "lockstep",
                code: r"
naming { db = snake_case }
naming { api = camelCase }
",
            },
            fix: "Merge the two blocks into one.",
        },
        Rule {
            code: "contract/unknown-type",
            severity: Severity::Error,
            summary: "a type that is not a scalar, enum, entity or type",
            explanation: "A field, shape or parameter names a type the contract does not know: usually a typo or an enum that was never declared. Nothing that uses the type can be checked until it resolves.",
            example: Example {
                language: "lockstep",
                code: r"
entity Order {
  id     uuid        @id
  status OrderStatuss
}
",
            },
            fix: "Use the type the \"did you mean\" names, declare the missing enum or type, or pick a scalar from docs/contract-language.md.",
        },
        Rule {
            code: "contract/invalid-field-type",
            severity: Severity::Error,
            summary: "an entity or type used as a column, or wrong type arguments",
            explanation: "A column holds a scalar, an enum or an array of them; an entity or an API `type` cannot be stored in one. Type arguments must fit the type (`varchar(n)`, `numeric(p, s)`), and an enum needs at least one value.",
            example: Example {
                language: "lockstep",
                code: r"
entity Customer {
  id uuid @id
}

entity Order {
  id       uuid     @id
  customer Customer
}
",
            },
            fix: "Link rows with a foreign key instead (`customerId uuid -> Customer.id`), or correct the type's arguments.",
        },
        Rule {
            code: "contract/unknown-attribute",
            severity: Severity::Error,
            summary: "an attribute that does not exist",
            explanation: "An `@attribute` or `@@attribute` is not one lockstep knows for that place. An attribute that is silently ignored would leave the key, default or constraint it was meant to declare unchecked.",
            example: Example {
                language: "lockstep",
                code: r"
entity Customer {
  id    uuid @id
  email text @uniqe
}
",
            },
            fix: "Use the attribute the \"did you mean\" names; the help lists the attributes allowed there.",
        },
        Rule {
            code: "contract/invalid-attribute",
            severity: Severity::Error,
            summary: "an attribute with invalid arguments",
            explanation: "A known attribute is misused: wrong arguments, `@id` on two fields of one entity, or `@id` on an optional field. The attribute cannot say what it is meant to, so it is not applied.",
            example: Example {
                language: "lockstep",
                code: r"
entity Customer {
  id    uuid @id
  email text @id @map(1)
}
",
            },
            fix: "Give the attribute the arguments docs/contract-language.md shows for it, and keep one primary key per entity (`@@id(a, b)` for a composite one).",
        },
        Rule {
            code: "contract/invalid-default",
            severity: Severity::Error,
            summary: "a default that does not fit the field's type",
            explanation: "A `= value` or `@default(value)` cannot be a value of the field's type: `now` on a `text`, `autoincrement` on a `uuid`, an enum value the enum does not have, `null` on a required field. The database could not apply it, and the check against the column's default would be meaningless.",
            example: Example {
                language: "lockstep",
                code: r"
entity Order {
  id        uuid @id @default(autoincrement)
  createdAt text = now
}
",
            },
            fix: "Use a default of the field's type (the table in docs/contract-language.md), or a raw SQL default in backticks.",
        },
        Rule {
            code: "contract/unknown-entity",
            severity: Severity::Error,
            summary: "a reference to an entity that does not exist",
            explanation: "A foreign key, `Pick`/`Omit` or other reference names an entity the contract does not declare. The relation cannot be checked against the database or followed in the code.",
            example: Example {
                language: "lockstep",
                code: r"
entity Order {
  id         uuid @id
  customerId uuid -> Custmer.id
}
",
            },
            fix: "Use the entity the \"did you mean\" names, or declare the entity; a table outside the contract is referenced as `schema.table.column` (`auth.users.id`).",
        },
        Rule {
            code: "contract/unknown-field",
            severity: Severity::Error,
            summary: "a reference to a field that does not exist",
            explanation: "A foreign key, an `@@id`/`@@unique`/`@@index` list, a `Pick`/`Omit` or an access rule names a field the entity does not have. Usually a field was renamed and one of its references was not.",
            example: Example {
                language: "lockstep",
                code: r"
entity Order {
  id      uuid @id
  ownerId uuid

  allow select to authenticated when userId == auth.uid
}
",
            },
            fix: "Use the field the \"did you mean\" names, or add the field to the entity.",
        },
        Rule {
            code: "contract/foreign-key-type",
            severity: Severity::Error,
            summary: "a foreign key to a non-key field or of another type",
            explanation: "Postgres accepts a foreign key only to a primary key or unique column of the same type: a contract that declares anything else describes a database that cannot exist. `on delete set null` on a column that cannot be null is a warning: Postgres accepts it, and then fails when a referenced row is deleted.",
            example: Example {
                language: "lockstep",
                code: r"
entity Order {
  id         uuid @id
  customerId int  -> Customer.id on delete set null
}
",
            },
            fix: "Give the field the type of the field it references, reference an `@id` or `@unique` field, and make the field nullable (`?`) for `set null`.",
        },
        Rule {
            code: "contract/missing-primary-key",
            severity: Severity::Warning,
            summary: "an entity without a primary key",
            explanation: "An entity has neither an `@id` field nor an `@@id(...)` list. Rows without a key cannot be updated or deleted one at a time through PostgREST, and nothing can reference them with a foreign key.",
            example: Example {
                language: "lockstep",
                code: r"
entity AuditLog {
  action    text
  createdAt timestamptz = now
}
",
            },
            fix: "Mark the key field `@id` (or add `id uuid @id @default(random)`), or use `@@id(a, b)` for a composite key; a view is marked `@view` and needs none.",
        },
        Rule {
            code: "contract/invalid-policy",
            severity: Severity::Error,
            summary: "an access rule that cannot be understood",
            explanation: "An `allow` rule has an unknown operation, an `auth` property that does not exist, a `check` on `select` or `delete`, or a condition lockstep cannot turn into a row-level security expression. The rule would not become the policy the contract promises.",
            example: Example {
                language: "lockstep",
                code: r"
entity Order {
  id      uuid @id
  ownerId uuid

  allow read to authenticated when ownerId == auth.user
}
",
            },
            fix: "Use the operations `select`, `insert`, `update`, `delete`, `all` and the properties `auth.uid`, `auth.role`, `auth.email`, `auth.jwt.claim`; write anything else as raw SQL in backticks.",
        },
        Rule {
            code: "contract/invalid-naming",
            severity: Severity::Error,
            summary: "an unknown naming key or style",
            explanation: "The `naming` block has a key other than `db`, `api` and `table`, or a style that does not exist for it. Every table, column and JSON name is derived from these rules, so a wrong one would make every check compare the wrong names.",
            example: Example {
                language: "lockstep",
                code: r"
naming { db = snake  table = plurals }
",
            },
            fix: "Use `snake_case`, `camelCase`, `PascalCase` or `as_is` for `db` and `api`, and `plural`, `singular` or `as_is` for `table`.",
        },
        Rule {
            code: "contract/duplicate-endpoint",
            severity: Severity::Error,
            summary: "an endpoint declared twice",
            explanation: "Two endpoints have the same method and the same path up to the names of their parameters, so a request could match either. A router would serve only one of them.",
            example: Example {
                language: "lockstep",
                code: r"
endpoint GET /api/orders/{id} { 200 Order }
endpoint GET /api/orders/{orderId} { 200 Order }
",
            },
            fix: "Remove one of the two, or merge what they declare into one endpoint.",
        },
        Rule {
            code: "contract/invalid-endpoint",
            severity: Severity::Error,
            summary: "an endpoint with invalid parts",
            explanation: "An endpoint has an unknown method or auth mode, a path parameter that is not a scalar, a body on a status that cannot carry one (204, 205, 304), or a part given twice. A body on `GET` or `HEAD` and an endpoint without any response are warnings: clients and proxies may drop such a body, and a handler without a declared response cannot be checked.",
            example: Example {
                language: "lockstep",
                code: r"
endpoint GET /api/orders {
  body { status: text }
  204 Order[]
}
",
            },
            fix: "Move a GET's input to `query`, declare bodies only on statuses that have one, and give every endpoint at least one response.",
        },
        Rule {
            code: "contract/unknown-env",
            severity: Severity::Error,
            summary: "a reference to an undeclared environment variable",
            explanation: "A webhook's `signature` names a secret variable the `env` block does not declare. lockstep cannot check that the secret exists in every environment, or that it stays secret.",
            example: Example {
                language: "lockstep",
                code: r"
webhook POST /api/webhooks/stripe {
  signature stripe(STRIPE_WEBHOOK_SECRT)
}
",
            },
            fix: "Use the variable the \"did you mean\" names, or declare it: `env { STRIPE_WEBHOOK_SECRET text secret }`.",
        },
        Rule {
            code: "contract/invalid-env",
            severity: Severity::Error,
            summary: "an invalid environment variable declaration",
            explanation: "A variable in the `env` block has an unknown type or visibility, `@environments(...)` names an environment that is not declared, or `environments` is given twice. The env files and reads of that variable cannot be checked against a declaration that does not resolve.",
            example: Example {
                language: "lockstep",
                code: r"
env {
  environments development production
  SENTRY_DSN url hidden @environments(staging)
}
",
            },
            fix: "Use the types `text`, `url`, `int`, `bool`, `email`, `json`, the visibility `secret` or `public`, and declare every environment in `environments`.",
        },
        Rule {
            code: "contract/secret-with-public-prefix",
            severity: Severity::Warning,
            summary: "a secret whose name bundlers inline into client code",
            explanation: "The variable is declared `secret`, but its name starts with a prefix (`NEXT_PUBLIC_`, `VITE_`, `EXPO_PUBLIC_`, ...) that tells the bundler to ship its value to every browser. The contract is right to call it a secret; the app's name for it is wrong, and every read of it in client code is an `env/secret-exposed`.",
            example: Example {
                language: "lockstep",
                code: r"
env {
  VITE_OPENAI_API_KEY text secret
}
",
            },
            fix: "Rename the variable without the prefix and read it only in server code (a route handler or an Edge Function); if the value really is publishable, declare it `public`.",
        },
        Rule {
            code: "contract/invalid-webhook",
            severity: Severity::Error,
            summary: "an invalid webhook declaration",
            explanation: "A webhook has an unknown signature scheme, a signature without its secret variable, `hmac_sha256` without the header that carries the signature, a signing secret declared `public`, or a part given twice. Its handler cannot be checked for verifying requests the way the sender signs them.",
            example: Example {
                language: "lockstep",
                code: r"
webhook POST /api/webhooks/stripe {
  signature stripe()
  idempotency event.id
}
",
            },
            fix: "Write `signature SCHEME(SECRET_VAR, options)` with one of `stripe`, `github`, `slack`, `standard_webhooks`, `hmac_sha256(SECRET_VAR, header: \"X-Signature\")`, naming a `secret` variable of the `env` block.",
        },
        Rule {
            code: "contract/invalid-bucket",
            severity: Severity::Error,
            summary: "an invalid bucket declaration",
            explanation: "A `bucket` has a `maxSize` that is not a size or a `mimeTypes` entry that is not a MIME type. The bucket's limits would not mean what they say.",
            example: Example {
                language: "lockstep",
                code: r#"
bucket "avatars" {
  maxSize five
  mimeTypes [png]
}
"#,
            },
            fix: "Write sizes as whole numbers of bytes or of `KB`, `MB`, `GB`, and MIME types as strings (`\"image/png\"`, `\"image/*\"`).",
        },
    ],
};
