"""Creates N Basic clusters on a local server over one keep-alive connection."""
import http.client
import json
import sys
from urllib.parse import urlparse

url, key, count = urlparse(sys.argv[1]), sys.argv[2], int(sys.argv[3])
conn = http.client.HTTPConnection(url.hostname, url.port)
headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
for i in range(count):
    body = {"name": f"fill-{i:06d}", "provider": "GCP",
            "spec": {"plan": "BASIC", "serverless": {"regions": ["us-central1"]}}}
    conn.request("POST", "/api/v1/clusters", json.dumps(body), headers)
    resp = conn.getresponse()
    resp.read()
    if resp.status != 200:
        sys.exit(f"create {i}: HTTP {resp.status}")
