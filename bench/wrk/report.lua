-- Shared by the wrk scripts: counts answers other than 200 (the first three go to stderr with the
-- start of their message) and prints the RESULT line bench/run reads, with socket errors on stderr.
local report = {}

function report.answers(what)
  local errors = 0
  return function(status, headers, body)
    if status ~= 200 then
      errors = errors + 1
      if errors <= 3 then io.stderr:write(what .. " answered " .. status .. ": " .. body:sub(1, 300) .. "\n") end
    end
  end
end

function report.done(summary, latency, requests)
  local e = summary.errors
  if e.connect + e.read + e.write + e.timeout > 0 then
    io.stderr:write(string.format("socket errors: connect %d, read %d, write %d, timeout (2 s) %d\n",
      e.connect, e.read, e.write, e.timeout))
  end
  io.write(string.format("RESULT %.1f %.2f %.2f %.2f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.status + e.connect + e.read + e.write + e.timeout,
    summary.requests))
end

return report
