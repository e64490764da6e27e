-- wrk script: a council uploads one new child with one plan per request (a transaction bundle,
-- conditional on the NHS number and plan id). The NHS numbers come from a file of synthetic numbers
-- that no stored person has (the national set uses almost every 999-prefixed number, so made-up ones
-- would belong to someone already, adults included); each thread takes its own block of 100,000.
-- Environment: BENCH_TOKEN, BENCH_COUNCIL_ODS, BENCH_UPLOAD_NHS_FILE.
local report = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "report.lua")
local token = os.getenv("BENCH_TOKEN")
local ods = os.getenv("BENCH_COUNCIL_ODS") or "00LC"
local threads = {}
local numbers = {}
local counter = 0

setup = function(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

init = function(args)
  for line in io.lines(os.getenv("BENCH_UPLOAD_NHS_FILE")) do
    numbers[#numbers + 1] = line
  end
end

local function nhs_number()
  counter = counter + 1
  return numbers[(id * 100000 + counter - 1) % #numbers + 1]
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
