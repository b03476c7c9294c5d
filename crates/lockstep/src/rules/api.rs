//! The rules of the API layer: route handlers against the contract's endpoints, and webhook
//! handlers against the contract's webhooks.

use lockstep_diagnostics::Severity;

use super::{Example, Layer, Rule};

pub const API: Layer = Layer {
    name: "api",
    title: "The API",
    page: Some("api.md"),
    rules: &[
        Rule {
            code: "api/missing-handler",
            severity: Severity::Error,
            summary: "a contract endpoint no route handler serves",
            explanation: "The contract declares an endpoint (or a webhook), but no route handler of the app serves its method and path. Clients that call it get a 404 or 405.",
            example: Example {
                language: "text",
                code: r"
// contract
endpoint DELETE /api/orders/{id} { 204 }

// app/api/orders/[id]/route.ts exports only GET
",
            },
            fix: "Write the handler (`export async function DELETE` in the route file), or remove the endpoint from the contract.",
        },
        Rule {
            code: "api/undeclared-route",
            severity: Severity::Warning,
            summary: "a route handler the contract does not declare",
            explanation: "A handler serves a method and path no endpoint or webhook of the contract declares. Its statuses and bodies are unchecked, and calls to it from the code are reported as unknown endpoints. `OPTIONS` handlers (CORS preflight) are never reported.",
            example: Example {
                language: "ts",
                code: r"
// app/api/coupons/route.ts, and no `endpoint POST /api/coupons`
export async function POST(req: Request) { /* ... */ }
",
            },
            fix: "Declare the endpoint in the contract (`lockstep init --dry-run` shows one derived from the handler), or delete the handler if nothing calls it.",
        },
        Rule {
            code: "api/undeclared-status",
            severity: Severity::Error,
            summary: "a handler returns a status the contract does not declare",
            explanation: "A response in the handler uses a status the endpoint does not list. Clients written against the contract do not handle it: a DELETE answering 200 where the contract says 204, or a 409 nobody expects.",
            example: Example {
                language: "ts",
                code: r"
// endpoint DELETE /api/orders/{id} { 204 }
return NextResponse.json({ ok: true }, { status: 200 })
",
            },
            fix: "Return a declared status, or declare the status (with its body) in the endpoint.",
        },
        Rule {
            code: "api/missing-status",
            severity: Severity::Warning,
            summary: "a declared success status no handler returns",
            explanation: "The endpoint declares a 2xx status that no response of its handler uses. Clients that wait for it (`res.status === 201`) never see it.",
            example: Example {
                language: "ts",
                code: r"
// endpoint POST /api/orders { 201 Order }
return NextResponse.json(order)   // 200
",
            },
            fix: "Return the declared status (`{ status: 201 }`), or change the endpoint's status to the one the handler returns.",
        },
        Rule {
            code: "api/response-shape",
            severity: Severity::Error,
            summary: "a handler's response body differs from the declared shape",
            explanation: "A body the handler returns does not fit the contract's body for that status: a key the contract does not have, required keys left out, a bare array where the contract has an envelope (`{ data }`), an object where it has a list. Clients written against the contract read `undefined` or crash on `.map`.",
            example: Example {
                language: "ts",
                code: r"
// endpoint GET /api/orders { 200 { data: Order[] } }
const { data } = await supabase.from('orders').select()
return NextResponse.json(data)
",
            },
            fix: "Return the declared shape (`NextResponse.json({ data })`), or change the endpoint's body to what the handler returns.",
        },
        Rule {
            code: "api/request-field",
            severity: Severity::Error,
            summary: "a handler reads a request field the contract does not declare",
            explanation: "The handler reads a field of the request body that the endpoint's `body` does not declare, or the endpoint declares no body. Clients written against the contract never send it, so the handler sees `undefined`; casing is named when that is the difference.",
            example: Example {
                language: "ts",
                code: r"
// endpoint POST /api/orders { body { productId: uuid } 201 Order }
const { productId, quantity } = await req.json()
",
            },
            fix: "Declare the field in the endpoint's `body`, or read a field it declares.",
        },
    ],
};

pub const WEBHOOK: Layer = Layer {
    name: "webhook",
    title: "Webhooks",
    page: Some("api.md"),
    rules: &[
        Rule {
            code: "webhook/unverified",
            severity: Severity::Error,
            summary: "a webhook handler that never verifies the signature",
            explanation: "The handler of a contract `webhook` never calls a signature check (`constructEvent`, `verify`, `timingSafeEqual`, `createHmac`). Anyone who knows the URL can then send forged events: mark an order paid, grant a subscription.",
            example: Example {
                language: "ts",
                code: r"
// webhook POST /api/webhooks/stripe { signature stripe(STRIPE_WEBHOOK_SECRET) }
export async function POST(req: Request) {
  const event = await req.json()
  await markPaid(event.data.object.id)
}
",
            },
            fix: "Verify the signature before anything else: `stripe.webhooks.constructEvent(await req.text(), req.headers.get('stripe-signature'), process.env.STRIPE_WEBHOOK_SECRET)`.",
        },
        Rule {
            code: "webhook/no-idempotency",
            severity: Severity::Error,
            summary: "a webhook handler that never reads its idempotency key",
            explanation: "The handler never reads the property the contract names as the event's idempotency key (`idempotency event.id`). Senders retry deliveries, so without it a retried event is processed twice: a double charge, a second email.",
            example: Example {
                language: "ts",
                code: r"
// webhook POST /api/webhooks/stripe { idempotency event.id }
const event = stripe.webhooks.constructEvent(body, signature, secret)
await fulfil(event.data.object)
",
            },
            fix: "Record `event.id` (a unique key in a table) and skip events already processed.",
        },
    ],
};
