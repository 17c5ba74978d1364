{
  "mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json",
  "verificationMaterial": {
    "publicKey": {
      "hint": "994fdc3de388e36035945aaf3516984568d65c20fbdad1a139a10ad2d2da83a3"
    },
    "tlogEntries": []
  },
  "dsseEnvelope": {
    "payload": "eyJfdHlwZSI6Imh0dHBzOi8vaW4tdG90by5pby9TdGF0ZW1lbnQvdjEiLCJzdWJqZWN0IjpbeyJuYW1lIjoidGlueS1tb2RlbCIsImRpZ2VzdCI6eyJzaGEyNTYiOiJmNGQzZWJiYWQ3NmY1ZDczNGRhMjI2NjE3YjM4YzRhNWFkYWMyNjcxNWEzODA1ZmU5OTU3Yzg3YzIxZDRjNTA1In19XSwicHJlZGljYXRlVHlwZSI6Imh0dHBzOi8vYXJ0ZWZhY3QuZGV2L21vZGVsLW1hbmlmZXN0L3YxIiwicHJlZGljYXRlIjp7Im5hbWUiOiJ0aW55LW1vZGVsIiwidmVyc2lvbiI6IjEuMC4wIiwiY2xhc3NpZmljYXRpb24iOiJwdWJsaWMiLCJjcmVhdGVkQXQiOiIyMDI2LTExLTI5VDAyOjI2OjA2WiIsImhhc2hpbmciOnsiYWxnb3JpdGhtIjoic2hhMjU2In0sImlnbm9yZSI6WyIuZ2l0LyIsIi9tb2RlbC5zaWciXSwiZmlsZXMiOlt7InBhdGgiOiJjb25maWcuanNvbiIsInNpemUiOjMyLCJzaGEyNTYiOiJmZjJiZDk1OTA5MTcxOWQzZmMxYmM4ZmFiYmIwZjNkNWVkNzI5ODA0OTk0YWNmMDQ2ZTJjMGM5YmUwYzk4NWFmIn0seyJwYXRoIjoidG9rZW5pemVyL3ZvY2FiLnR4dCIsInNpemUiOjE4LCJzaGEyNTYiOiIwZjg4NDdhZTQ0MWFkZjk3MzhiNjkxZDdlNGQ3NjQxNWE0NzNlOWUwMzdhMDk1OWU5NDk0YzA2MmEwNDZhMDYxIn0seyJwYXRoIjoid2VpZ2h0cy5iaW4iLCJzaXplIjoxNiwic2hhMjU2IjoiZmQ2MzgwZjAxNTg3ZjA1NWUyMjM2ZTE2NDcxYjFiZDY2YmEyNDcyOWJiN2Y3ZWQ5YWMxM2QyMjE4ODNmOTBlZiJ9XSwic3ltbGlua3MiOlt7InBhdGgiOiJjdXJyZW50LmJpbiIsInRhcmdldCI6IndlaWdodHMuYmluIn1dfX0=",
    "payloadType": "application/vnd.in-toto+json",
    "signatures": [
      {
        "keyid": "994fdc3de388e36035945aaf3516984568d65c20fbdad1a139a10ad2d2da83a3",
        "sig": "FtVjgjwx/xksrKbIz8KSNourOG8o0Mh6JU0QnKCxDrIRx4Y2NAlYxWewnhuBbgjMJRrwIipzWZpLHu8zcdhaDA=="
      }
    ]
  }
}
