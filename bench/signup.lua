-- wrk script for bench/signup.sh: every request is a new signup, a distinct
-- (client, session) pair, so nothing is answered from an earlier signup.
-- Reads the cookie and session files named by BENCH_COOKIES / BENCH_SESSIONS.

local function lines(path)
  local out = {}
  for line in io.lines(path) do
    if line ~= "" then out[#out + 1] = line end
  end
  return out
end

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

function init(args)
  cookies = lines(os.getenv("BENCH_COOKIES"))
  sessions = lines(os.getenv("BENCH_SESSIONS"))
  k = tid - 1
  step = tonumber(os.getenv("BENCH_THREADS") or "2")
  ok, refused, other = 0, 0, 0
end

function request()
  local c = #cookies
  local client = (k % c) + 1
  local session = (math.floor(k / c) % #sessions) + 1
  k = k + step
  return wrk.format("POST", "/api/sign_up_for_session", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
    ["Cookie"] = "kindred_session=" .. cookies[client],
  }, "session_id=" .. sessions[session])
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1
  elseif status == 409 then refused = refused + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local o, r, x = 0, 0, 0
  for _, t in ipairs(threads) do
    o = o + t:get("ok"); r = r + t:get("refused"); x = x + t:get("other")
  end
  io.write(string.format("signups answered 200: %d, refused 409: %d, other: %d\n", o, r, x))
  io.write(string.format("signups/s (200 only): %.1f\n", o / (summary.duration / 1e6)))
end
