-- wrk script: a clinician's look-up of a random NHS number from a file (about 1 in 10 has a plan,
-- as in an emergency department). Environment: BENCH_TOKEN, BENCH_NHS_FILE, BENCH_LOOKUP (flag or
-- operation).
local token = os.getenv("BENCH_TOKEN")
local kind = os.getenv("BENCH_LOOKUP") or "flag"
local numbers = {}
for line in io.lines(os.getenv("BENCH_NHS_FILE")) do
  numbers[#numbers + 1] = line
end
local nhs = "https://fhir.nhs.uk/Id/nhs-number%7C"

math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))

request = function()
  local number = numbers[math.random(#numbers)]
  local path
  if kind == "operation" then
    path = "/fhir/Patient/$cpis-lookup?identifier=" .. nhs .. number
  else
    path = "/fhir/Flag?patient:identifier=" .. nhs .. number .. "&_include=Flag:author"
  end
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

local errors = 0
response = function(status, headers, body)
  if status ~= 200 then
    errors = errors + 1
    if errors <= 3 then io.stderr:write("look-up answered " .. status .. ": " .. body:sub(1, 300) .. "\n") end
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  if e.connect + e.read + e.write + e.timeout > 0 then
    io.stderr:write(string.format("socket errors: connect %d, read %d, write %d, timeout (2 s) %d\n",
      e.connect, e.read, e.write, e.timeout))
  end
  io.write(string.format("RESULT %.1f %.2f %.2f %.2f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests))
end
