-- The wrk side of scripts/bench/wrk.ts. Settings come from the environment:
--   PATHS_FILE      one request path a line, each request picks one at random (else the URL's path, every time)
--   AUTH            a Bearer access token sent with every request
--   FORBID_HEADERS  comma list of response headers whose presence fails the request's check (search failover)
-- done() prints one line, WRK_JSON {...}, that wrk.ts parses. Only what a scenario needs is defined: a `request` or
-- `response` function makes wrk build each request, or parse each response's headers, in Lua.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local auth = os.getenv("AUTH")
if auth then wrk.headers["Authorization"] = "Bearer " .. auth end

local paths_file = os.getenv("PATHS_FILE")
if paths_file then
  local paths = {}
  for line in io.lines(paths_file) do
    if line ~= "" then table.insert(paths, line) end
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
  function request()
    return wrk.format(nil, paths[math.random(#paths)])
  end
end

failed = 0
local forbid = os.getenv("FORBID_HEADERS")
if forbid then
  local forbidden = {}
  for name in string.gmatch(forbid, "[^,]+") do forbidden[string.lower(name)] = true end
  function response(status, headers)
    if status ~= 200 then
      failed = failed + 1
      return
    end
    for name in pairs(headers) do
      if forbidden[string.lower(name)] then
        failed = failed + 1
        return
      end
    end
  end
end

function done(summary, latency)
  local checks = 0
  for _, thread in ipairs(threads) do checks = checks + (thread:get("failed") or 0) end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"errors":%d,"status_errors":%d,"failed_checks":%d,'
      .. '"p50_us":%d,"p95_us":%d,"p99_us":%d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status, checks,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
