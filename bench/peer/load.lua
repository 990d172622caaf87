-- wrk script for bench/peer: counts responses that are not 200 (wrk itself counts only
-- non-2xx/3xx, so a redirect to the login page would pass) and prints one machine-readable
-- line with the totals and latency percentiles (microseconds).
local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   not200 = 0
end

function response(status, headers, body)
   if status ~= 200 then
      not200 = not200 + 1
   end
end

function done(summary, latency, requests)
   local bad = 0
   for _, thread in ipairs(threads) do
      bad = bad + thread:get("not200")
   end
   local e = summary.errors
   io.write(string.format(
      "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d not200=%d connect=%d read=%d write=%d timeout=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), bad,
      e.connect, e.read, e.write, e.timeout))
end
