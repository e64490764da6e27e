-- wrk script: a clinician's look-up of a random NHS number from a file (about 1 in 10 has a plan,
-- as in an emergency department). Environment: BENCH_TOKEN, BENCH_NHS_FILE, BENCH_LOOKUP (flag or
-- operation, or stock: the chained search a stock HAPI server answers, bench/stock-hapi).
local report = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "report.lua")
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
  if kind == "stock" then
    path = "/fhir/Flag?patient.identifier=" .. nhs .. number
  elseif kind == "operation" then
    path = "/fhir/Patient/$cpis-lookup?identifier=" .. nhs .. number
  else
    path = "/fhir/Flag?patient:identifier=" .. nhs .. number .. "&_include=Flag:author"
  end
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

response = report.answers("look-up")
done = report.done
