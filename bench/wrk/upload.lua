-- wrk script: a council uploads one new child with one plan per request (a transaction bundle,
-- conditional on the NHS number and plan id). NHS numbers are synthetic (999 prefix, valid check
-- digit), unique per thread and run. Environment: BENCH_TOKEN, BENCH_COUNCIL_ODS, BENCH_RUN.
local report = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "report.lua")
local token = os.getenv("BENCH_TOKEN")
local ods = os.getenv("BENCH_COUNCIL_ODS") or "00LC"
local run = tonumber(os.getenv("BENCH_RUN") or "1")
local threads = {}
local counter = 0
local base = 0

setup = function(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

init = function(args)
  -- each thread its own block of 100,000 numbers within this run's block
  base = (run % 9) * 800000 + id * 100000
end

local function nhs_number()
  while true do
    counter = counter + 1
    local nine = string.format("999%06d", (base + counter) % 1000000)
    local sum = 0
    for d = 1, 9 do sum = sum + tonumber(nine:sub(d, d)) * (11 - d) end
    local check = 11 - (sum % 11)
    if check == 11 then check = 0 end
    if check ~= 10 then return nine .. check end
  end
end

local template = [[{"resourceType":"Bundle","type":"transaction","entry":[
{"fullUrl":"urn:uuid:3f1c2a9e-0000-4000-8000-000000000001","resource":{"resourceType":"Patient",
"identifier":[{"extension":[{"url":"https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus",
"valueCodeableConcept":{"coding":[{"system":"https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland","code":"01"}]}}],
"system":"https://fhir.nhs.uk/Id/nhs-number","value":"@NHS@"}],"name":[{"family":"Bench","given":["Child"]}],"gender":"female","birthDate":"2016-02-03"},
"request":{"method":"POST","url":"Patient","ifNoneExist":"identifier=https://fhir.nhs.uk/Id/nhs-number|@NHS@"}},
{"resource":{"resourceType":"Flag","identifier":[{"system":"https://fhir.cpis.uk/Id/la-plan-id/@ODS@","value":"BENCH-@NHS@"}],
"status":"active","category":[{"coding":[{"system":"https://fhir.cpis.uk/CodeSystem/cpis-flag-category","code":"child-protection"}]}],
"code":{"coding":[{"system":"http://snomed.info/sct","code":"342191000000101"}]},
"subject":{"reference":"urn:uuid:3f1c2a9e-0000-4000-8000-000000000001"},"period":{"start":"2025-05-01"},
"author":{"reference":"Organization?identifier=https://fhir.nhs.uk/Id/ods-organization-code|@ODS@"}},
"request":{"method":"POST","url":"Flag","ifNoneExist":"identifier=https://fhir.cpis.uk/Id/la-plan-id/@ODS@|BENCH-@NHS@"}}]}]]

request = function()
  local number = nhs_number()
  local body = template:gsub("@NHS@", number):gsub("@ODS@", ods)
  return wrk.format("POST", "/fhir", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/fhir+json",
  }, body)
end

response = report.answers("upload")
done = report.done
