-- wrk's script for `make loadtest ALONE=N` (devtools/loadtest.py): each connection asks for the paths
-- given after `--` in turn, and the run ends with one JSON line of figures that loadtest.py reads back.
local paths = {}
local next_path = 0

function init(args)
  for _, path in ipairs(args) do
    paths[#paths + 1] = path
  end
  wrk.headers["Accept"] = "text/html"
  wrk.headers["User-Agent"] = "localism-loadtest"
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "median_us": %d, "p95_us": %d, "status_errors": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    errors.status, errors.connect + errors.read + errors.write + errors.timeout
  ))
end
