{
  "mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json",
  "verificationMaterial": {
    "certificate": {
      "rawBytes": "MIH2MIGpAhQ3NYXcAxyUFjNVDgCVT9KefaB82jAFBgMrZXAwFDESMBAGA1UEAwwJZnV6eiByb290MB4XDTI2MTIwMzA5MjgwOVoXDTI3MTIwMzA5MjgwOVowKDEUMBIGA1UEAwwLbWwtc2lnbmVyLTExEDAOBgNVBAoMB0V4YW1wbGUwKjAFBgMrZXADIQCEQhM/UWbC6yIcUed9Qru+/VuGUCsHvkRzs01jhHBsKzAFBgMrZXADQQBYc24taxzO86tLmiz5Te7bsdGTAswEVgvQMlFlp5fiSc/FeHkssKgye2iyitFexq3SowCLCN6ayuw/CNlCxfsL"
    }
  },
  "dsseEnvelope": {
    "payload": "eyJfdHlwZSI6Imh0dHBzOi8vaW4tdG90by5pby9TdGF0ZW1lbnQvdjEiLCJzdWJqZWN0IjpbeyJuYW1lIjoidGlueSIsImRpZ2VzdCI6eyJzaGEyNTYiOiIyZjc4MTY4YTFiNjkyMzVkM2ZjNGJlODA4NjVlMDBkMDJlY2ExZWNlNzQxODlmMjJmMzBjYjU2MWU0NzIzZjQ1In19XSwicHJlZGljYXRlVHlwZSI6Imh0dHBzOi8vYXJ0ZWZhY3QuZGV2L21vZGVsLW1hbmlmZXN0L3YxIiwicHJlZGljYXRlIjp7Im5hbWUiOiJ0aW55IiwidmVyc2lvbiI6IjEuMC4xLXJjLjEiLCJjbGFzc2lmaWNhdGlvbiI6ImludGVybmFsIiwiY3JlYXRlZEF0IjoiMjAyNi0xMi0wM1QwOToyODowOVoiLCJoYXNoaW5nIjp7ImFsZ29yaXRobSI6InNoYTI1NiJ9LCJpZ25vcmUiOlsiLmdpdC8iLCIvbW9kZWwuc2lnIl0sImZpbGVzIjpbeyJwYXRoIjoiYS50eHQiLCJzaXplIjo2LCJzaGEyNTYiOiI1ODkxYjViNTIyZDVkZjA4NmQwZmYwYjExMGZiZDlkMjFiYjRmYzcxNjNhZjM0ZDA4Mjg2YTJlODQ2ZjZiZTAzIn0seyJwYXRoIjoic3ViL3cuYmluIiwic2l6ZSI6Nywic2hhMjU2IjoiOWExMjkwMzhkOWEwMGFlZDBjZjZhN2VhMDU5Y2E1MGE4MTM0NDkwNjFhYjg3ODQ4Y2YxYTEzZWFmZGYzM2IyYyJ9XSwic3ltbGlua3MiOlt7InBhdGgiOiJsaW5rIiwidGFyZ2V0IjoiYS50eHQifV19fQ==",
    "payloadType": "application/vnd.in-toto+json",
    "signatures": [
      {
        "keyid": "e73f7f001a2fb3c64a3727bb38283deaf32187ebc8fee89b07cdf5eccf29329b",
        "sig": "15iPOPF7JQSpL2Tm0BuN8y1nWed6dAPBYaKQYLwelv0ltKTDkvMnYSxw+R4AvCqF9uO1CDv1dp7z6C5sVsLlDA=="
      },
      {
        "keyid": "25d8553ca78f1a71ec02134a35050faebdd2a2f3a5ebb9ca1e30bc145c2dcbdb",
        "sig": "e1jc5H1Vv6G7CCUUOorFzBnUyL7eBUJVbtlyacr1QTdSGAlbpsCZOP+d6iGpg7hg6/MEfRZBfyfdS/V8bF55CQ=="
      }
    ]
  },
  "artefactSigners": [
    {
      "keyid": "e73f7f001a2fb3c64a3727bb38283deaf32187ebc8fee89b07cdf5eccf29329b",
      "certificateChain": [
        "MIH2MIGpAhQ3NYXcAxyUFjNVDgCVT9KefaB82jAFBgMrZXAwFDESMBAGA1UEAwwJZnV6eiByb290MB4XDTI2MTIwMzA5MjgwOVoXDTI3MTIwMzA5MjgwOVowKDEUMBIGA1UEAwwLbWwtc2lnbmVyLTExEDAOBgNVBAoMB0V4YW1wbGUwKjAFBgMrZXADIQCEQhM/UWbC6yIcUed9Qru+/VuGUCsHvkRzs01jhHBsKzAFBgMrZXADQQBYc24taxzO86tLmiz5Te7bsdGTAswEVgvQMlFlp5fiSc/FeHkssKgye2iyitFexq3SowCLCN6ayuw/CNlCxfsL"
      ]
    }
  ]
}
