//! `lockstep_gen`'s tests: every contract fixture generated, held to determinism, to the reference
//! formatter's layout and to the real TypeScript compiler with the real supabase-js types.

mod database;
mod sql;
mod support;
mod tsc;
mod zod;
