-- A mix of invalid requests, one of each in turn: bad values, unknown and repeated parameters, a tag
-- rule, a missing parameter, an unknown action, a resource that does not exist, a taken priority.
local valid = "Action=CreateTrafficMirrorSession&Version=2020-04-01&NetworkInterfaceId=eni-bsrc0"
  .. "&TrafficMirrorTargetId=tmt-btgt0&TrafficMirrorFilterId=tmf-bflt0"
local mix = {
  valid .. "&Priority=abc",
  valid .. "&Priority=0",
  valid .. "&Priority=5&Prioirty=5",
  valid .. "&Priority=5&Priority=6",
  valid .. "&Priority=5&Tags.2.Key=k",
  valid .. "&Priority=5&Description=-bad",
  "Action=CreateTrafficMirrorSession&Version=2020-04-01&Priority=5",
  "Action=CreateTrafficMirrorSessions&Version=2020-04-01",
  "Action=CreateTrafficMirrorSession&Version=2020-04-01&NetworkInterfaceId=eni-nosuch1"
    .. "&TrafficMirrorTargetId=tmt-btgt0&TrafficMirrorFilterId=tmf-bflt0&Priority=5",
  valid .. "&Priority=%zz",
}
local i = 0
local headers = {
  ["Authorization"] = "HMAC-SHA256 Credential=AKLTbench0000/20260101/cn-beijing/vpc/request, SignedHeaders=host;x-date, Signature="
    .. string.rep("0", 64),
  ["X-Date"] = "20260101T000000Z",
}

function request()
  i = i + 1
  return wrk.format("GET", "/?" .. mix[(i % #mix) + 1], headers)
end

dofile(os.getenv("BENCH_DIR") .. "/summary.lua")
