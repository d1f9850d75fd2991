-- wrk script: POST a new Basic cluster with a fresh name on every request.
counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  counter = counter + 1
  local name = string.format("bench-%s-%07d", (wrk.thread and wrk.thread.id) or "x", counter)
  wrk.body = '{"name":"' .. name .. '","provider":"GCP","spec":{"plan":"BASIC","serverless":{"regions":["us-central1"]}}}'
  return wrk.format()
end
