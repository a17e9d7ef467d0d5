-- wrk script for `make bench` (scripts/bench.sh): every request is a POST with a JSON body and a random existing
-- license key in the Authorization header, as FaxStore clients send it. The same script drives every case
-- (the /static route just ignores the key), so the client costs the same everywhere, as in the ceilings.
--
-- Environment: BENCH_KEYS           file with one license key per line
--              BENCH_PATH           request path, e.g. /api/check/1 or /static
--              BENCH_BODY           request body, e.g. {"info":"bench"} (logged) or {"log":false} (not logged)
--              BENCH_METHOD         POST (default) or GET (no body is sent)
--              BENCH_AUTHORIZATION  a fixed Authorization header (the admin list's Basic credentials) instead
--                                   of a random key
--              BENCH_CONNECTION_CLOSE  if set, `Connection: close` on every request: a new TLS connection each
--                                   time, as clients that do not keep connections open
-- At the end it prints one machine-readable line: RESULT rps=... p50_ms=... p99_ms=... reqs=... err_...=...
local keys = {}
for line in io.lines(os.getenv("BENCH_KEYS") or "keys.txt") do
  if #line > 0 then keys[#keys + 1] = line end
end
local path = os.getenv("BENCH_PATH") or "/static"
local body = os.getenv("BENCH_BODY") or '{"info":"bench"}'
local method = os.getenv("BENCH_METHOD") or "POST"
local authorization = os.getenv("BENCH_AUTHORIZATION") or ""
local headers = { ["Content-Type"] = "application/json" }
if method == "GET" then
  headers["Content-Type"] = nil
  body = nil
end
if (os.getenv("BENCH_CONNECTION_CLOSE") or "") ~= "" then headers["Connection"] = "close" end

-- Each wrk thread has its own Lua state; give each its own random sequence.
local seeded = false

request = function()
  if not seeded then
    local addr = tonumber(tostring({}):match("0x(%x+)") or "0", 16) or 0
    math.randomseed((os.time() + math.floor(os.clock() * 1e6) + addr) % 2147483647)
    seeded = true
  end
  if authorization ~= "" then
    headers["Authorization"] = authorization
  else
    headers["Authorization"] = keys[math.random(#keys)]
  end
  return wrk.format(method, path, headers, body)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT rps=%.0f p50_ms=%.3f p99_ms=%.3f reqs=%d err_conn=%d err_read=%d err_write=%d err_status=%d err_timeout=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, e.connect, e.read, e.write, e.status, e.timeout))
end
