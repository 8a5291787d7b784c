-- Valid creates, each a new session: the server runs with --no-auth, so the account is the one whose
-- access key a parseable (unchecked) Authorization header names. Priorities are unique per account, so
-- each wrk thread owns a block of accounts and counts priorities up within each of them.
local accounts_per_thread = tonumber(os.getenv("BENCH_ACCOUNTS_PER_THREAD") or "8")
local first_priority = tonumber(os.getenv("BENCH_FIRST_PRIORITY") or "1")
-- BENCH_CLIENT_TOKENS=1: each create also carries a ClientToken (unique, as its priority is within its
-- account), so that the ledger's work, and with --data its stored request, is measured too.
local client_tokens = os.getenv("BENCH_CLIENT_TOKENS") == "1"
local threads = {}
local counter = 0
local base = 0

function setup(thread)
  thread:set("base", #threads * accounts_per_thread)
  table.insert(threads, thread)
end

function init(args)
  base = tonumber(wrk.thread:get("base")) or 0
end

function request()
  local slot = counter % accounts_per_thread
  local priority = first_priority + math.floor(counter / accounts_per_thread)
  counter = counter + 1
  local n = base + slot
  local key = string.format("AKLTbench%04d", n)
  local path = "/?Action=CreateTrafficMirrorSession&Version=2020-04-01"
    .. "&NetworkInterfaceId=eni-bsrc" .. n .. "&TrafficMirrorTargetId=tmt-btgt" .. n
    .. "&TrafficMirrorFilterId=tmf-bflt" .. n .. "&Priority=" .. priority
  if client_tokens then
    path = path .. "&ClientToken=bench-" .. n .. "-" .. priority
  end
  local headers = {
    ["Authorization"] = "HMAC-SHA256 Credential=" .. key .. "/20260101/cn-beijing/vpc/request, SignedHeaders=host;x-date, Signature="
      .. string.rep("0", 64),
    ["X-Date"] = "20260101T000000Z",
  }
  return wrk.format("GET", path, headers)
end

dofile(os.getenv("BENCH_DIR") .. "/summary.lua")
