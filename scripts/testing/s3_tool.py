"""Object operations on an S3 server with boto3, for the end-to-end tests and the bench.

Run with the python of the S3 test environment (see scripts/lib/packages.sh):

    s3_tool.py wait-bucket BUCKET [SECONDS]     until HeadBucket answers 200 (exit 3 when it does not)
    s3_tool.py list BUCKET PREFIX               {"KEY": SIZE, ...} for every key under PREFIX, as JSON
    s3_tool.py get BUCKET KEY FILE              the object's bytes into FILE
    s3_tool.py put BUCKET KEY FILE              FILE's bytes as the object (overwrites: for tamper tests)
    s3_tool.py put-tree DIRECTORY BUCKET PREFIX every regular file under DIRECTORY as PREFIX/<relative path>
                                                (symlinks are skipped: the layout records them in the bundle only)
    s3_tool.py delete BUCKET KEY
    s3_tool.py head BUCKET KEY                  {"size": N, "etag": "..."} as JSON; exit 4 if there is no such key
    s3_tool.py create-bucket BUCKET
    s3_tool.py delete-prefix BUCKET PREFIX      every key under PREFIX
    s3_tool.py upload-files BUCKET PREFIX FILE...
        boto3's managed upload_file (TransferConfig defaults) of each FILE, one after the
        other, as PREFIX/<file name>; prints the seconds the uploads took (imports excluded)
    s3_tool.py download-files BUCKET PREFIX DIRECTORY NAME...
        boto3's managed download_file (TransferConfig defaults) of each PREFIX/NAME into
        DIRECTORY/NAME, one after the other, then os.sync() so the bytes are on disk as a
        store's are; prints the seconds that took

The server and credentials come from the same variables artefact reads: AWS_ENDPOINT_URL,
AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, plus ARTEFACT_TLS_CA (the CA that
signed the server's certificate) and ARTEFACT_TLS_CERT / ARTEFACT_TLS_KEY (a client
certificate for mutual TLS). Addressing is path-style, as artefact uses for a custom endpoint.
"""
import json
import os
import sys
import time

import boto3
import botocore.config
import botocore.exceptions


def client():
    """An S3 client for the endpoint and TLS files in the environment."""
    certificate = os.environ.get("ARTEFACT_TLS_CERT")
    key = os.environ.get("ARTEFACT_TLS_KEY")
    config = botocore.config.Config(
        s3={"addressing_style": "path"},
        client_cert=(certificate, key) if certificate and key else None,
        retries={"max_attempts": 2, "mode": "standard"},
    )
    return boto3.client(
        "s3",
        endpoint_url=os.environ["AWS_ENDPOINT_URL"],
        region_name=os.environ.get("AWS_REGION", "us-east-1"),
        verify=os.environ.get("ARTEFACT_TLS_CA", True),
        config=config,
    )


def wait_bucket(s3, bucket, seconds="20"):
    deadline = time.monotonic() + float(seconds)
    last = None
    while time.monotonic() < deadline:
        try:
            s3.head_bucket(Bucket=bucket)
            return 0
        except (botocore.exceptions.ClientError, botocore.exceptions.EndpointConnectionError,
                botocore.exceptions.SSLError, botocore.exceptions.ConnectionClosedError) as error:
            last = error
            time.sleep(0.05)
    print(f"bucket {bucket} did not appear: {last}", file=sys.stderr)
    return 3


def list_keys(s3, bucket, prefix):
    sizes = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", []):
            sizes[item["Key"]] = item["Size"]
    print(json.dumps(sizes, sort_keys=True))
    return 0


def get(s3, bucket, key, path):
    body = s3.get_object(Bucket=bucket, Key=key)["Body"]
    with open(path, "wb") as output:
        for chunk in body.iter_chunks(1 << 20):
            output.write(chunk)
    return 0


def put(s3, bucket, key, path):
    with open(path, "rb") as data:
        s3.put_object(Bucket=bucket, Key=key, Body=data)
    return 0


def put_tree(s3, directory, bucket, prefix):
    for root, directories, files in os.walk(directory):
        directories.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            if os.path.islink(path) or not os.path.isfile(path):
                continue
            relative = os.path.relpath(path, directory)
            put(s3, bucket, f"{prefix}/{relative}" if prefix else relative, path)
    return 0


def delete(s3, bucket, key):
    s3.delete_object(Bucket=bucket, Key=key)
    return 0


def head(s3, bucket, key):
    try:
        answer = s3.head_object(Bucket=bucket, Key=key)
    except botocore.exceptions.ClientError as error:
        if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
            return 4
        raise
    print(json.dumps({"size": answer["ContentLength"], "etag": answer.get("ETag", "")}))
    return 0


def create_bucket(s3, bucket):
    s3.create_bucket(Bucket=bucket)
    return 0


def delete_prefix(s3, bucket, prefix):
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", []):
            s3.delete_object(Bucket=bucket, Key=item["Key"])
    return 0


def upload_files(s3, bucket, prefix, *paths):
    started = time.monotonic()
    for path in paths:
        s3.upload_file(path, bucket, f"{prefix}/{os.path.basename(path)}")
    print(f"{time.monotonic() - started:.3f}")
    return 0


def download_files(s3, bucket, prefix, directory, *names):
    started = time.monotonic()
    for name in names:
        s3.download_file(bucket, f"{prefix}/{name}", os.path.join(directory, name))
    os.sync()
    print(f"{time.monotonic() - started:.3f}")
    return 0


COMMANDS = {
    "wait-bucket": (wait_bucket, (1, 2)),
    "list": (list_keys, (2, 2)),
    "get": (get, (3, 3)),
    "put": (put, (3, 3)),
    "put-tree": (put_tree, (3, 3)),
    "delete": (delete, (2, 2)),
    "head": (head, (2, 2)),
    "create-bucket": (create_bucket, (1, 1)),
    "delete-prefix": (delete_prefix, (2, 2)),
    "upload-files": (upload_files, (3, None)),
    "download-files": (download_files, (4, None)),
}


def main(arguments):
    if not arguments or arguments[0] not in COMMANDS:
        print(__doc__, file=sys.stderr)
        return 2
    command, (least, most) = COMMANDS[arguments[0]]
    operands = arguments[1:]
    if len(operands) < least or (most is not None and len(operands) > most):
        print(f"{arguments[0]}: wrong number of operands\n{__doc__}", file=sys.stderr)
        return 2
    try:
        return command(client(), *operands)
    except botocore.exceptions.BotoCoreError as error:
        print(f"{arguments[0]} failed: {error}", file=sys.stderr)
        return 3
    except botocore.exceptions.ClientError as error:
        print(f"{arguments[0]} failed: {error}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
