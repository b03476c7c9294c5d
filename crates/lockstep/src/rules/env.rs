//! The rules of the env layer: env files per environment and the variables the code reads.

use lockstep_diagnostics::Severity;

use super::{Example, Layer, Rule};

pub const ENV: Layer = Layer {
    name: "env",
    title: "Environment variables",
    page: Some("env.md"),
    rules: &[
        Rule {
            code: "env/undeclared",
            severity: Severity::Error,
            summary: "the code reads an undeclared environment variable",
            explanation: "The code reads a variable (`process.env.NAME`, `import.meta.env.NAME`, `Deno.env.get('NAME')`) the contract's `env` block does not declare. Nothing checks that it is set in every environment or kept out of the browser, so it is `undefined` after the next deploy.",
            example: Example {
                language: "ts",
                code: r"
const stripe = new Stripe(process.env.STRIPE_SECRET!)
",
            },
            fix: "Use the variable the \"did you mean\" names, or declare it: `env { STRIPE_SECRET text secret }`.",
        },
        Rule {
            code: "env/secret-exposed",
            severity: Severity::Error,
            summary: "a secret is read in code that runs in the browser",
            explanation: "A `secret` variable is read in client code: a file that starts with `'use client'` or reads `import.meta.env`. The bundler inlines the value (or `undefined`) into JavaScript every visitor downloads.",
            example: Example {
                language: "ts",
                code: r"
'use client'
const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY })
",
            },
            fix: "Move the read into server code (a route handler, a server action, an Edge Function) and call that from the client.",
        },
        Rule {
            code: "env/missing",
            severity: Severity::Error,
            summary: "a required variable is absent from an environment's env files",
            explanation: "A variable required in an environment (every one, or those of `@environments(...)`) is in none of that environment's env files. The app starts without it and fails where it is read.",
            example: Example {
                language: "text",
                code: r"
// contract
env { RESEND_API_KEY text secret }

# .env.production has no RESEND_API_KEY
",
            },
            fix: "Add the variable to the environment's env file (or to its host's settings and an example file), or mark it `@optional` or `@environments(...)` in the contract.",
        },
        Rule {
            code: "env/undeclared-in-file",
            severity: Severity::Warning,
            summary: "an env file defines an undeclared variable",
            explanation: "An env file defines a variable the contract does not declare. Either the contract is missing a variable the app needs, or the file carries a leftover that may still hold a live credential.",
            example: Example {
                language: "sh",
                code: r"
# .env
OLD_SENDGRID_KEY=...
",
            },
            fix: "Declare the variable in the contract's `env` block, or remove it from the file.",
        },
        Rule {
            code: "env/parity",
            severity: Severity::Warning,
            summary: "environments disagree on a value's kind or presence",
            explanation: "A `public` variable is a URL in one environment and not in another (or a number, a boolean, empty), or an optional variable is defined in some environments only. Such differences are how a feature works in development and breaks in production.",
            example: Example {
                language: "sh",
                code: r"
# .env.development
NEXT_PUBLIC_API_URL=http://localhost:3000
# .env.production
NEXT_PUBLIC_API_URL=
",
            },
            fix: "Give the variable a value of the same kind in every environment, or define the optional variable everywhere it is needed.",
        },
        Rule {
            code: "env/committed-secret",
            severity: Severity::Error,
            summary: "a secret with a real-looking value in a tracked file",
            explanation: "A `secret` variable has a real-looking value in an env file git tracks (placeholders such as `your-key` or `xxx` and local URLs are not real-looking). Everyone with access to the repository, and its history, has the credential. lockstep never prints the value.",
            example: Example {
                language: "sh",
                code: r"
# .env.production, committed
STRIPE_SECRET_KEY=sk_live_...
",
            },
            fix: "Rotate the credential, remove the value from the file (keep a placeholder), add the file to .gitignore, and set the real value in the host's settings.",
        },
        Rule {
            code: "env/unreadable-file",
            severity: Severity::Error,
            summary: "an env file that is not readable text",
            explanation: "An env file exists but cannot be read as text: not UTF-8, a NUL byte, over 1 MiB, a FIFO, or a link out of the project. Its variables were not checked, so the run cannot be clean.",
            example: Example {
                language: "text",
                code: r"
.env.production -> /etc/app/secrets.env   (a link out of the project)
",
            },
            fix: "Make the file a UTF-8 text file inside the project, or remove it from `[env.files]`.",
        },
    ],
};
