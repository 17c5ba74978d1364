{
  "mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json",
  "verificationMaterial": {
    "publicKey": {
      "hint": "25d8553ca78f1a71ec02134a35050faebdd2a2f3a5ebb9ca1e30bc145c2dcbdb"
    }
  },
  "dsseEnvelope": {
    "payload": "eyJfdHlwZSI6Imh0dHBzOi8vaW4tdG90by5pby9TdGF0ZW1lbnQvdjEiLCJzdWJqZWN0IjpbeyJuYW1lIjoidGlueSIsImRpZ2VzdCI6eyJzaGEyNTYiOiIyZjc4MTY4YTFiNjkyMzVkM2ZjNGJlODA4NjVlMDBkMDJlY2ExZWNlNzQxODlmMjJmMzBjYjU2MWU0NzIzZjQ1In19XSwicHJlZGljYXRlVHlwZSI6Imh0dHBzOi8vYXJ0ZWZhY3QuZGV2L21vZGVsLW1hbmlmZXN0L3YxIiwicHJlZGljYXRlIjp7Im5hbWUiOiJ0aW55IiwidmVyc2lvbiI6IjEuMC4wIiwiY2xhc3NpZmljYXRpb24iOiJpbnRlcm5hbCIsImNyZWF0ZWRBdCI6IjIwMjYtMTItMDNUMDk6Mjg6MDlaIiwiZXhwaXJlc0F0IjoiMjAyNy0wMy0wM1QwOToyODowOVoiLCJoYXNoaW5nIjp7ImFsZ29yaXRobSI6InNoYTI1NiJ9LCJpZ25vcmUiOlsiLmdpdC8iLCIvbW9kZWwuc2lnIiwiKi50bXAiXSwiZmlsZXMiOlt7InBhdGgiOiJhLnR4dCIsInNpemUiOjYsInNoYTI1NiI6IjU4OTFiNWI1MjJkNWRmMDg2ZDBmZjBiMTEwZmJkOWQyMWJiNGZjNzE2M2FmMzRkMDgyODZhMmU4NDZmNmJlMDMifSx7InBhdGgiOiJzdWIvdy5iaW4iLCJzaXplIjo3LCJzaGEyNTYiOiI5YTEyOTAzOGQ5YTAwYWVkMGNmNmE3ZWEwNTljYTUwYTgxMzQ0OTA2MWFiODc4NDhjZjFhMTNlYWZkZjMzYjJjIn1dLCJzeW1saW5rcyI6W3sicGF0aCI6ImxpbmsiLCJ0YXJnZXQiOiJhLnR4dCJ9XX19",
    "payloadType": "application/vnd.in-toto+json",
    "signatures": [
      {
        "keyid": "25d8553ca78f1a71ec02134a35050faebdd2a2f3a5ebb9ca1e30bc145c2dcbdb",
        "sig": "upJs01Fd5ld4+63lXRf+NTT+jlWmjNndX12L/flXGhXoy+Crh3tavFHgxVO7HQJeRhBhNEfpV3eH7bXT1eKMBg=="
      }
    ]
  }
}
