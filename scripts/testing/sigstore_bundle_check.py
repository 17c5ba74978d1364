"""Reads an artefact bundle with the Sigstore python tooling, for the end-to-end tests.

Run with the python of the OMS test environment (see scripts/lib/packages.sh):

    sigstore_bundle_check.py BUNDLE ROUND_TRIP_OUT

Prints one JSON object:
    modelsError           null when `sigstore_models.bundle.v1.Bundle` (the model that the
                          `sigstore` 4 and `model_signing` 1.1 packages parse with) parses the
                          bundle as written, else its first error line
    modelsRoundTripEqual  whether that model writes back the same JSON document (null if it failed)
    modelsErrorWithoutExtension
                          the same, with artefact's `artefactSigners` extension member removed
    specsRoundTripEqual   whether `sigstore_protobuf_specs`' Bundle writes back the document,
                          leaving aside what proto3 JSON drops: members protobuf does not know
                          (`artefactSigners`) and empty lists (`tlogEntries: []`)
    specsDropped          the top-level and verificationMaterial members the round trip dropped
    sigstoreError         what `sigstore.models.Bundle.from_json` (which checks the bundle for
                          verification with Sigstore's public-good instance) says of the bundle
                          without the extension, or null if it accepts it
and writes the protobuf round trip's JSON to ROUND_TRIP_OUT.
"""

import json
import sys
import warnings

warnings.simplefilter("ignore")

from sigstore.models import Bundle as SigstoreBundle  # noqa: E402
from sigstore_models.bundle.v1 import Bundle as ModelsBundle  # noqa: E402
from sigstore_protobuf_specs.dev.sigstore.bundle.v1 import Bundle as SpecsBundle  # noqa: E402


def first_line(error):
    text = str(error).strip()
    return " ".join(text.split("\n")[:3])


def models_parse(document):
    try:
        parsed = ModelsBundle.from_json(json.dumps(document))
    except Exception as error:  # any refusal is reported, not raised
        return first_line(error), None
    return None, json.loads(parsed.to_json()) == document


def without_extension(document):
    return {key: value for key, value in document.items() if key != "artefactSigners"}


def main(bundle_path, round_trip_path):
    with open(bundle_path, "rb") as handle:
        document = json.loads(handle.read())
    models_error, models_equal = models_parse(document)
    models_error_without_extension, _ = models_parse(without_extension(document))

    specs = SpecsBundle.from_dict(document)
    round_trip = json.loads(specs.to_json())
    with open(round_trip_path, "w") as handle:
        json.dump(round_trip, handle, indent=2)
        handle.write("\n")
    expected = without_extension(document)
    material = dict(expected["verificationMaterial"])
    if material.get("tlogEntries") == []:
        del material["tlogEntries"]
    expected["verificationMaterial"] = material
    dropped = sorted(set(document) - set(round_trip)) + sorted(
        "verificationMaterial." + key for key in set(document["verificationMaterial"]) - set(round_trip["verificationMaterial"]))

    try:
        SigstoreBundle.from_json(json.dumps(without_extension(document)))
        sigstore_error = None
    except Exception as error:
        sigstore_error = first_line(error)

    print(json.dumps({
        "modelsError": models_error,
        "modelsRoundTripEqual": models_equal,
        "modelsErrorWithoutExtension": models_error_without_extension,
        "specsRoundTripEqual": round_trip == expected,
        "specsDropped": dropped,
        "sigstoreError": sigstore_error,
    }))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: sigstore_bundle_check.py BUNDLE ROUND_TRIP_OUT")
    main(sys.argv[1], sys.argv[2])
