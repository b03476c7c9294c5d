// The fixture app of `lockstep test`'s tests: the notes API and two webhooks of
// contract/app.lockstep, on node:http over Postgres (`pg`).
//
// FIXTURE_DEFECTS=1 turns on the planted defects, each marked `defect('Dn')` below; without it
// this is the corrected twin, which `lockstep test` must pass with no failure.
//
// Environment: PORT (0 for any free port; the port is printed as `listening on N`),
// DATABASE_URL (a postgres:// URL or libpq key=value pairs), STRIPE_WEBHOOK_SECRET,
// GITHUB_WEBHOOK_SECRET. A request's user is `Authorization: Bearer <auth.users id>` (a test
// app: the token is the user id).
'use strict';

const http = require('node:http');
const crypto = require('node:crypto');
const { Pool } = require('pg');

const DEFECTS = process.env.FIXTURE_DEFECTS === '1';
const defect = (_name) => DEFECTS;

const STATUSES = ['draft', 'published', 'archived'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BODY_LIMIT = 64 * 1024;

function poolConfig(url) {
  if (/^postgres(ql)?:\/\//.test(url)) return { connectionString: url };
  const config = {};
  for (const pair of url.trim().split(/\s+/)) {
    const [key, value] = pair.split('=');
    if (key === 'dbname') config.database = value;
    else if (key === 'host' || key === 'port' || key === 'user' || key === 'password') config[key] = value;
  }
  return config;
}

const pool = new Pool({ ...poolConfig(process.env.DATABASE_URL || ''), max: 4 });

function send(res, status, body) {
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const error = (res, status, code, message) => send(res, status, { code, message });

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > BODY_LIMIT) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function userOf(req) {
  const match = /^Bearer (.+)$/.exec(req.headers.authorization || '');
  return match && UUID.test(match[1]) ? match[1] : null;
}

function toNote(row) {
  const note = { id: row.id, ownerId: row.owner_id, title: row.title, status: row.status, createdAt: row.created_at.toISOString() };
  return note;
}

async function listNotes(req, res, url) {
  const user = userOf(req);
  if (!user) return error(res, 401, 'unauthorized', 'sign in first');
  if (url.searchParams.getAll('status').length > 1 || url.searchParams.getAll('limit').length > 1) {
    return error(res, 400, 'invalid', 'each parameter at most once');
  }
  const status = url.searchParams.get('status');
  const limitText = url.searchParams.get('limit');
  if (limitText !== null && !/^-?[0-9]+$/.test(limitText)) return error(res, 400, 'invalid', 'limit must be an integer');
  let limit = limitText === null ? 20 : Number(limitText);
  // D15: a page size the contract allows (any int) is refused outside 1 to 100.
  if (defect('D15') && (limit < 1 || limit > 100)) return error(res, 400, 'invalid', 'limit must be from 1 to 100');
  limit = Math.min(Math.max(limit, 1), 100);
  // D5: the status goes to Postgres unchecked; an unknown value is a 500.
  if (status !== null && !STATUSES.includes(status) && !defect('D5')) return error(res, 400, 'invalid', 'unknown status');
  const params = [user, limit];
  let sql = 'select * from notes where owner_id = $1';
  if (status !== null) {
    params.push(status);
    sql += ' and status = $3';
  }
  const { rows } = await pool.query(`${sql} order by created_at limit $2`, params);
  const data = rows.map(toNote);
  // D4: the envelope became a bare array.
  if (defect('D4')) return send(res, 200, data);
  send(res, 200, { data, nextCursor: null });
}

async function createNote(req, res) {
  const user = userOf(req);
  if (!user) return error(res, 401, 'unauthorized', 'sign in first');
  let body;
  try {
    body = JSON.parse((await readBody(req)).toString('utf8'));
  } catch {
    return error(res, 400, 'invalid', 'the body is not JSON');
  }
  // D1: validation failures answer 422, which the contract does not declare.
  const invalid = defect('D1') ? 422 : 400;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return error(res, invalid, 'invalid', 'expected an object');
  if (typeof body.title !== 'string') return error(res, invalid, 'invalid', 'title is required');
  if (body.status !== undefined && !STATUSES.includes(body.status)) return error(res, invalid, 'invalid', 'unknown status');
  // D14: text goes to Postgres as sent, and Postgres cannot store a NUL character: a 500.
  const title = defect('D14') ? body.title : body.title.replaceAll('\u0000', '');
  const { rows } = await pool.query('insert into notes (owner_id, title, status) values ($1, $2, $3) returning *', [
    user,
    title,
    body.status ?? 'draft',
  ]);
  const note = toNote(rows[0]);
  // D2: the created note comes back without `createdAt`.
  if (defect('D2')) delete note.createdAt;
  send(res, 201, note);
}

async function readNote(req, res, id) {
  const user = userOf(req);
  // D6: the read never asks who is calling: no 401 without credentials.
  if (!user && !defect('D6')) return error(res, 401, 'unauthorized', 'sign in first');
  if (!UUID.test(id)) return error(res, 400, 'invalid', 'the id is not a UUID');
  const { rows } = user
    ? await pool.query('select * from notes where id = $1 and owner_id = $2', [id, user])
    : await pool.query('select * from notes where id = $1', [id]);
  if (rows.length === 0) return error(res, 404, 'not_found', 'no such note');
  const note = toNote(rows[0]);
  // D3: the owner's key in the database's casing.
  if (defect('D3')) {
    note.owner_id = note.ownerId;
    delete note.ownerId;
  }
  send(res, 200, note);
}

async function deleteNote(req, res, id) {
  const user = userOf(req);
  if (!user) return error(res, 401, 'unauthorized', 'sign in first');
  if (!UUID.test(id)) return error(res, 400, 'invalid', 'the id is not a UUID');
  const { rowCount } = await pool.query('delete from notes where id = $1 and owner_id = $2', [id, user]);
  if (rowCount === 0) return error(res, 404, 'not_found', 'no such note');
  // D12: a body (and 200) where the contract declares 204 without one.
  if (defect('D12')) return send(res, 200, { deleted: true });
  send(res, 204);
}

function safeEqual(a, b) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

const hmac = (secret, data) => crypto.createHmac('sha256', secret).update(data).digest('hex');

async function stripeWebhook(req, res) {
  const raw = await readBody(req);
  const header = req.headers['stripe-signature'] || '';
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=')));
  const t = Number(parts.t);
  if (!parts.t || !parts.v1 || !Number.isInteger(t)) return error(res, 400, 'bad_signature', 'missing signature');
  const expected = hmac(process.env.STRIPE_WEBHOOK_SECRET || '', `${parts.t}.${raw.toString('utf8')}`);
  if (!safeEqual(expected, parts.v1)) return error(res, 400, 'bad_signature', 'signature mismatch');
  // D8: the signed timestamp is never compared with the clock: replays are accepted.
  if (!defect('D8') && Math.abs(Date.now() / 1000 - t) > 300) return error(res, 400, 'stale', 'timestamp outside the tolerance');
  let event;
  try {
    event = JSON.parse(raw.toString('utf8'));
  } catch {
    return error(res, 400, 'invalid', 'the body is not JSON');
  }
  if (typeof event.id !== 'string') return error(res, 400, 'invalid', 'the event has no id');
  const client = await pool.connect();
  try {
    await client.query('begin');
    // D9: no idempotency record: a retried delivery is processed again.
    if (!defect('D9')) {
      const seen = await client.query('insert into webhook_events (id) values ($1) on conflict do nothing returning id', [event.id]);
      if (seen.rowCount === 0) {
        await client.query('rollback');
        return send(res, 200, { received: true, duplicate: true });
      }
    }
    await client.query('insert into payments (event_id, amount_cents) values ($1, $2)', [event.id, Number(event.amountCents) || 0]);
    await client.query('commit');
  } catch (e) {
    await client.query('rollback');
    throw e;
  } finally {
    client.release();
  }
  send(res, 200, { received: true });
}

async function githubWebhook(req, res) {
  const raw = await readBody(req);
  const header = req.headers['x-hub-signature-256'] || '';
  const expected = `sha256=${hmac(process.env.GITHUB_WEBHOOK_SECRET || '', raw)}`;
  // D7: the signature is never verified.
  if (!defect('D7') && !safeEqual(expected, header)) return error(res, 401, 'bad_signature', 'signature mismatch');
  send(res, 200, { received: true });
}

async function route(req, res) {
  const url = new URL(req.url, 'http://localhost');
  const path = url.pathname;
  const one = /^\/api\/notes\/([^/]+)$/.exec(path);
  if (path === '/api/notes' && req.method === 'GET') return listNotes(req, res, url);
  if (path === '/api/notes' && req.method === 'POST') return createNote(req, res);
  if (one && req.method === 'GET') return readNote(req, res, decodeURIComponent(one[1]));
  if (one && req.method === 'DELETE') return deleteNote(req, res, decodeURIComponent(one[1]));
  if (path === '/api/webhooks/stripe' && req.method === 'POST') return stripeWebhook(req, res);
  if (path === '/api/webhooks/github' && req.method === 'POST') return githubWebhook(req, res);
  // D16: a known path asked with another method answers as if it did not exist.
  const allowed = path === '/api/notes' ? 'GET, POST' : one ? 'GET, DELETE' : path.startsWith('/api/webhooks/') ? 'POST' : null;
  if (allowed && !defect('D16')) {
    res.setHeader('allow', allowed);
    return error(res, 405, 'method_not_allowed', `allowed: ${allowed}`);
  }
  error(res, 404, 'not_found', 'no such route');
}

const server = http.createServer((req, res) => {
  route(req, res).catch((e) => {
    if (!res.headersSent) error(res, 500, 'internal', String(e && e.message));
  });
});

server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  process.stdout.write(`listening on ${server.address().port}\n`);
});

// The test kills the server when it is done; should the test die first, the server notices it
// was orphaned and stops too.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(0);
}, 1000).unref();
