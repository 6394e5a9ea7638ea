-- wrk script of bench/bench_pages.py: requests cycle through the paths listed in the file
-- named by NJ_BENCH_PATHS (one per line), each thread from its own offset; at the end one
-- JSON line with the counts, latency percentiles (microseconds) and errors.
local paths = {}
local n = 0
local threads = 0

function setup(thread)
  thread:set("offset", threads * 7)
  threads = threads + 1
end

function init(args)
  local f = assert(io.open(os.getenv("NJ_BENCH_PATHS"), "r"))
  for line in f:lines() do
    if #line > 0 then paths[#paths + 1] = line end
  end
  f:close()
  n = (offset or 0) % #paths
end

function request()
  n = n % #paths + 1
  return wrk.format("GET", paths[n])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
