-- wrk script for `make bench` (scripts/bench.sh): FluentCart's public protocol as its SDK sends it, form POSTs to
-- /?fluent-cart=<action>.
--
-- Environment: BENCH_FC_PAIRS  file of "<license key> <site url>" lines (one activation each); for mode hash,
--                              "<activation hash> <site url>"
--              BENCH_FC_ITEM   the product id (item_id)
--              BENCH_FC_MODE   check: check_license by key with its site, a random pair per request
--                              hash: check_license by activation_hash, a random pair per request
--                              cycle: activate_license of random pairs, and deactivate_license of each one once
--                              `lag` later requests of this thread have been sent, so that its activation has
--                              surely been answered (a thread has at most connections/threads in flight)
-- At the end it prints the same RESULT line as check.lua.
local pairs_ = {}
for line in io.lines(os.getenv("BENCH_FC_PAIRS") or "pairs.txt") do
  local key, site = line:match("^(%S+)%s+(%S+)$")
  if key then pairs_[#pairs_ + 1] = { key, site } end
end
local item = os.getenv("BENCH_FC_ITEM") or "1"
local mode = os.getenv("BENCH_FC_MODE") or "check"
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }

local seeded = false
local pending = {}
local head, tail = 1, 0
local lag = 128
local deactivate_next = false

local credential = mode == "hash" and "activation_hash=" or "license_key="

local function form(action, pair)
  local body = credential .. pair[1] .. "&item_id=" .. item .. "&site_url=https%3A%2F%2F" .. pair[2]
    .. "&current_version=1.0.0"
  return wrk.format("POST", "/?fluent-cart=" .. action, headers, body)
end

request = function()
  if not seeded then
    local addr = tonumber(tostring({}):match("0x(%x+)") or "0", 16) or 0
    math.randomseed((os.time() + math.floor(os.clock() * 1e6) + addr) % 2147483647)
    seeded = true
  end
  if mode == "cycle" then
    deactivate_next = not deactivate_next
    if deactivate_next and tail - head + 1 > lag then
      local pair = pending[head]
      pending[head] = nil
      head = head + 1
      return form("deactivate_license", pair)
    end
    local pair = pairs_[math.random(#pairs_)]
    tail = tail + 1
    pending[tail] = pair
    return form("activate_license", pair)
  end
  return form("check_license", pairs_[math.random(#pairs_)])
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT rps=%.0f p50_ms=%.3f p99_ms=%.3f reqs=%d err_conn=%d err_read=%d err_write=%d err_status=%d err_timeout=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, e.connect, e.read, e.write, e.status, e.timeout))
end
