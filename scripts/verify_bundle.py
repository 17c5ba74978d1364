#!/usr/bin/env python3
"""Verify an artefact signature bundle without artefact.

Usage: python3 scripts/verify_bundle.py MODEL_DIR BUNDLE PUBLIC_KEY.pem

Written from Docs/FORMAT.md alone, as a check that the document is enough to verify a
signature. It follows the steps of "Verifying" in order and stops at the first failure.
Exit 0 prints "OK <name> <model digest>"; exit 1 prints why the model was rejected;
exit 2 is a usage error.

It trusts exactly one public key, as `artefact verify --key` does. Certificate chains in
the bundle are checked for form only; trusting them is a policy decision (Docs/POLICY.md).
It leaves out artefact's resource limits (bundle size, JSON nesting depth), which guard
the verifier rather than define the format. Needs Python 3.10 or later and the
`cryptography` package.
"""

import base64
import calendar
import datetime
import functools
import hashlib
import json
import os
import re
import stat
import struct
import sys
import time
import unicodedata

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat, load_pem_public_key

BUNDLE_MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json"
PAYLOAD_TYPE = "application/vnd.in-toto+json"
STATEMENT_TYPE = "https://in-toto.io/Statement/v1"
PREDICATE_TYPE = "https://artefact.dev/model-manifest/v1"
DIGEST_DOMAIN = b"artefact-model-digest-v1"
MINIMUM_SHARD_SIZE = 1 << 20
CLASSIFICATIONS = ("public", "internal", "confidential", "restricted")
READ_CHUNK = 1 << 20
ALLOWED_CLOCK_SKEW = 300  # seconds a signing time may lie in the future


class Rejected(Exception):
    """The model is not what its signature says; the message says why."""


# --- JSON ------------------------------------------------------------------------------

def strict_json(data, what):
    """Parses UTF-8 JSON, refusing duplicate member names and NaN/Infinity."""
    def no_duplicates(members):
        seen = set()
        for key, _ in members:
            # artefact counts two Unicode spellings of one name as the same name.
            normal = unicodedata.normalize("NFC", key)
            if normal in seen:
                raise Rejected(f"{what}: duplicate JSON key {key!r}")
            seen.add(normal)
        return dict(members)

    def no_constants(name):
        raise Rejected(f"{what}: {name} is not JSON")

    try:
        return json.loads(data.decode("utf-8"), object_pairs_hook=no_duplicates, parse_constant=no_constants)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise Rejected(f"{what} is not valid JSON: {error}")


def member(obj, key, kind, where, required=True):
    """obj[key] checked against kind; a null member counts as absent."""
    value = obj.get(key)
    if value is None:
        if required:
            raise Rejected(f"{where}.{key} is missing")
        return None
    ok = type(value) is int if kind is int else isinstance(value, kind)
    if not ok:
        raise Rejected(f"{where}.{key} has the wrong type")
    return value


def json_object(value, where, known=None):
    """value as a dict; with `known`, any other member is refused."""
    if not isinstance(value, dict):
        raise Rejected(f"{where} must be an object")
    if known is not None:
        unknown = [key for key in value if key not in known]
        if unknown:
            raise Rejected(f"{where} has an unknown field {unknown[0]!r}")
    return value


def utf8(text, where):
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise Rejected(f"{where} is not valid Unicode")


def sha256_hex(text, where):
    if not isinstance(text, str) or not re.fullmatch(r"[0-9a-f]{64}", text):
        raise Rejected(f"{where} is not a lowercase SHA-256 hex digest")
    return text


def strict_base64(text, where):
    if not isinstance(text, str):
        raise Rejected(f"{where} must be a string")
    try:
        raw = base64.b64decode(text, validate=True)
    except ValueError:
        raise Rejected(f"{where} is not base64")
    if base64.b64encode(raw).decode("ascii") != text:
        raise Rejected(f"{where} is not canonical padded base64")
    return raw


# --- 1. Bundle and 2. signature --------------------------------------------------------

def read_bundle(path):
    """Returns the payload bytes, [(keyid, signature bytes)] and [(keyid, [DER certificate])]."""
    with open(path, "rb") as handle:
        bundle = json_object(strict_json(handle.read(), "bundle"), "bundle")
    if bundle.get("mediaType") != BUNDLE_MEDIA_TYPE:
        raise Rejected(f"bundle mediaType is not {BUNDLE_MEDIA_TYPE}")
    material = member(bundle, "verificationMaterial", dict, "bundle")
    public_key = member(material, "publicKey", dict, "bundle.verificationMaterial", required=False)
    if public_key is not None:  # its hint, like keyid, names a key but never makes it trusted
        member(public_key, "hint", str, "bundle.verificationMaterial.publicKey", required=False)
    envelope = json_object(member(bundle, "dsseEnvelope", dict, "bundle"), "dsseEnvelope",
                           known=("payload", "payloadType", "signatures"))
    if envelope.get("payloadType") != PAYLOAD_TYPE:
        raise Rejected(f"dsseEnvelope.payloadType is not {PAYLOAD_TYPE}")
    payload = strict_base64(member(envelope, "payload", str, "dsseEnvelope"), "dsseEnvelope.payload")
    signatures = []
    for index, entry in enumerate(member(envelope, "signatures", list, "dsseEnvelope")):
        where = f"dsseEnvelope.signatures[{index}]"
        entry = json_object(entry, where, known=("keyid", "sig"))
        keyid = member(entry, "keyid", str, where, required=False) or ""  # a hint: never trusted
        signatures.append((keyid, strict_base64(member(entry, "sig", str, where), where + ".sig")))
    if not signatures:
        raise Rejected("the envelope has no signatures")
    chains = []
    for index, entry in enumerate(member(bundle, "artefactSigners", list, "bundle", required=False) or []):
        where = f"artefactSigners[{index}]"
        entry = json_object(entry, where, known=("keyid", "certificateChain"))
        chain = member(entry, "certificateChain", list, where)
        if not chain:
            raise Rejected(f"{where}.certificateChain is empty")
        chains.append((member(entry, "keyid", str, where),
                       [strict_base64(der, where + ".certificateChain") for der in chain]))
    return payload, signatures, chains


def pae(payload_type, payload):
    """DSSE v1 pre-authentication encoding: what every signature signs."""
    kind = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d %s" % (len(kind), kind, len(payload), payload)


def key_id(key):
    """Lowercase hex SHA-256 of the key's DER SubjectPublicKeyInfo."""
    return hashlib.sha256(key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)).hexdigest()


def load_public_key(path):
    with open(path, "rb") as handle:
        key = load_pem_public_key(handle.read())
    if not isinstance(key, Ed25519PublicKey):
        raise Rejected(f"{path} is not an Ed25519 public key")
    return key


def check_presented_certificates(signatures, chains):
    """A signature's chain (the first entry with its keyid) must be DER X.509 certificates
    whose leaf holds the signature's key. Whether to trust the chain is not asked here."""
    for keyid, _ in signatures:
        chain = next((ders for owner, ders in chains if owner == keyid), None)
        if chain is None:
            continue
        try:
            leaf = [x509.load_der_x509_certificate(der) for der in chain][0]
        except ValueError:
            raise Rejected("a presented certificate is not valid DER")
        key = leaf.public_key()
        if not isinstance(key, Ed25519PublicKey) or key_id(key) != keyid:
            raise Rejected(f"a presented certificate does not hold the key that made signature {keyid}")


def check_signature(payload, signatures, key):
    message = pae(PAYLOAD_TYPE, payload)
    for _, signature in signatures:
        try:
            key.verify(signature, message)
            return
        except InvalidSignature:
            continue
    raise Rejected("no signature in the bundle verifies with the given key")


# --- 3. Payload ------------------------------------------------------------------------

def path_problem(path):
    """Why `path` is not a valid model path, or None."""
    if not path:
        return "an empty path"
    if path.startswith("/"):
        return "an absolute path"
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in path):
        return "a control character or NUL"
    if any(part in ("", ".", "..") for part in path.split("/")):
        return "an empty, '.' or '..' component"
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return "text that is not valid Unicode"
    return None


def link_stays_inside(link_path, target):
    """Whether target, resolved lexically from the link's directory, stays in the model."""
    if not target or target.startswith("/"):
        return False
    depth = link_path.count("/")
    for part in target.split("/"):
        if part == "..":
            if depth == 0:
                return False
            depth -= 1
        elif part not in ("", "."):
            depth += 1
    return True


def timestamp(text, where):
    """Seconds since the epoch of a YYYY-MM-DDTHH:MM:SSZ time; nothing else is accepted."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", text, re.ASCII):
        raise Rejected(f"{where} {text!r} is not written YYYY-MM-DDTHH:MM:SSZ")
    try:
        moment = datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        raise Rejected(f"{where} {text!r} is not a real time")
    return calendar.timegm(moment.timetuple())


def check_label(text, where):
    if not 1 <= len(utf8(text, where)) <= 256 or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in text):
        raise Rejected(f"{where} must be 1 to 256 bytes with no control characters")


def decode_predicate(value):
    """The predicate as a dict, checked field by field (FORMAT.md, "Predicate")."""
    where = "predicate"
    predicate = json_object(value, where, known=(
        "name", "version", "classification", "createdAt", "expiresAt", "hashing", "ignore", "files", "symlinks"))
    name = member(predicate, "name", str, where)
    check_label(name, "predicate.name")
    version = member(predicate, "version", str, where, required=False)
    if version is not None:
        check_label(version, "predicate.version")
    if member(predicate, "classification", str, where) not in CLASSIFICATIONS:
        raise Rejected("predicate.classification is not one of " + ", ".join(CLASSIFICATIONS))
    created = timestamp(member(predicate, "createdAt", str, where), "predicate.createdAt")
    expires = member(predicate, "expiresAt", str, where, required=False)
    if expires is not None:
        expires = timestamp(expires, "predicate.expiresAt")
        if expires <= created:
            raise Rejected("predicate.expiresAt is not after predicate.createdAt")

    hashing = json_object(member(predicate, "hashing", dict, where), "predicate.hashing", known=("algorithm", "shardSize"))
    if hashing.get("algorithm") != "sha256":
        raise Rejected("predicate.hashing.algorithm is not sha256")
    shard_size = member(hashing, "shardSize", int, "predicate.hashing", required=False)
    if shard_size is not None and not MINIMUM_SHARD_SIZE <= shard_size < 1 << 63:
        raise Rejected("predicate.hashing.shardSize is out of range")

    ignore = member(predicate, "ignore", list, where)
    for pattern in ignore:
        if not isinstance(pattern, str) or pattern in ("", "/") or any(ord(ch) < 0x20 for ch in pattern):
            raise Rejected("predicate.ignore holds an invalid pattern")

    files = []
    for index, entry in enumerate(member(predicate, "files", list, where)):
        at = f"predicate.files[{index}]"
        entry = json_object(entry, at, known=("path", "size", "sha256", "shards"))
        path = member(entry, "path", str, at)
        size = member(entry, "size", int, at)
        if not 0 <= size < 1 << 63:
            raise Rejected(f"{at}.size is out of range")
        whole, shards = entry.get("sha256"), entry.get("shards")
        if shard_size is not None and size > shard_size:
            count = -(-size // shard_size)
            if whole is not None or not isinstance(shards, list) or len(shards) != count:
                raise Rejected(f"{at} must list exactly {count} shards and no sha256")
            files.append({"path": path, "size": size, "shards": [sha256_hex(s, at + ".shards") for s in shards]})
        else:
            if shards is not None:
                raise Rejected(f"{at} must not list shards")
            files.append({"path": path, "size": size, "sha256": sha256_hex(whole, at + ".sha256")})

    symlinks = []
    for index, entry in enumerate(member(predicate, "symlinks", list, where)):
        at = f"predicate.symlinks[{index}]"
        entry = json_object(entry, at, known=("path", "target"))
        link = {"path": member(entry, "path", str, at), "target": member(entry, "target", str, at)}
        if not link_stays_inside(link["path"], link["target"]):
            raise Rejected(f"{at} points outside the model")
        utf8(link["target"], at + ".target")
        symlinks.append(link)

    for kind, entries in (("files", files), ("symlinks", symlinks)):
        paths = [entry["path"] for entry in entries]
        for path in paths:
            if path_problem(path):
                raise Rejected(f"predicate.{kind} path {path!r} has {path_problem(path)}")
        encoded = [path.encode("utf-8") for path in paths]
        if any(earlier >= later for earlier, later in zip(encoded, encoded[1:])):
            raise Rejected(f"predicate.{kind} is not in canonical (bytewise UTF-8) order")
    spellings = [unicodedata.normalize("NFC", entry["path"]) for entry in files + symlinks]
    if len(set(spellings)) != len(spellings):
        raise Rejected("a path appears twice (perhaps in another Unicode normalisation)")

    return {"name": name, "createdAt": created, "expiresAt": expires, "shardSize": shard_size, "ignore": ignore,
            "files": files, "symlinks": symlinks}


def decode_statement(payload):
    """The in-toto Statement: (predicate dict, model digest hex). Unknown top-level fields are ignored."""
    statement = json_object(strict_json(payload, "payload"), "statement")
    if statement.get("_type") != STATEMENT_TYPE:
        raise Rejected(f"statement._type is not {STATEMENT_TYPE}")
    if statement.get("predicateType") != PREDICATE_TYPE:
        raise Rejected(f"statement.predicateType is not {PREDICATE_TYPE}")
    manifest = decode_predicate(statement.get("predicate"))
    subjects = member(statement, "subject", list, "statement")
    if len(subjects) != 1:
        raise Rejected("the statement must have exactly one subject")
    subject = json_object(subjects[0], "statement.subject[0]")
    if subject.get("name") != manifest["name"]:
        raise Rejected("the subject name differs from predicate.name")
    digests = json_object(member(subject, "digest", dict, "statement.subject[0]"), "statement.subject[0].digest")
    claimed = sha256_hex(digests.get("sha256"), "statement.subject[0].digest.sha256")
    computed = model_digest(manifest["files"], manifest["symlinks"], manifest["shardSize"])
    if claimed != computed:
        raise Rejected(f"the subject digest {claimed} is not the digest of the signed file list {computed}")
    return manifest, computed


def model_digest(files, symlinks, shard_size):
    """FORMAT.md, "Model digest": one SHA-256 over every entry, in path-byte order."""
    def u64(number):
        return struct.pack(">Q", number)

    records = []
    for entry in files:
        path = entry["path"].encode("utf-8")
        if "shards" in entry:
            content = hashlib.sha256(b"".join(bytes.fromhex(shard) for shard in entry["shards"])).digest()
        else:
            content = bytes.fromhex(entry["sha256"])
        records.append((path, b"F" + u64(len(path)) + path + u64(entry["size"]) + content))
    for entry in symlinks:
        path, target = entry["path"].encode("utf-8"), entry["target"].encode("utf-8")
        records.append((path, b"L" + u64(len(path)) + path + u64(len(target)) + target))
    digest = hashlib.sha256(DIGEST_DOMAIN + u64(shard_size or 0))
    for _, record in sorted(records, key=lambda pair: pair[0]):
        digest.update(record)
    return digest.hexdigest()


# --- 5. Files on disk ------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def glob_regex(pattern):
    """A POSIX fnmatch(3) pattern (FNM_PATHNAME, C locale) as a bytes regex: `?`, `*` and
    `[...]` each stand for bytes, never for '/'."""
    out, i = [], 0
    while i < len(pattern):
        char = pattern[i:i + 1]
        i += 1
        if char == b"*":
            out.append(b"[^/]*")
        elif char == b"?":
            out.append(b"[^/]")
        elif char == b"\\":
            if i == len(pattern):
                return re.compile(b"(?!)")  # a trailing backslash matches nothing
            out.append(re.escape(pattern[i:i + 1]))
            i += 1
        elif char == b"[" and (end := bracket_end(pattern, i)) is not None:
            out.append(bracket_regex(pattern[i:end]))
            i = end + 1
        else:  # a '[' with no closing ']' is an ordinary character
            out.append(re.escape(char))
    return re.compile(b"".join(out), re.DOTALL)


def bracket_end(pattern, start):
    """The index of the ']' that closes a bracket expression whose body starts at `start`."""
    i = start + (1 if pattern[start:start + 1] in (b"!", b"^") else 0)
    i += 1 if pattern[i:i + 1] == b"]" else 0  # a ']' first is a member, not the end
    while i < len(pattern):
        if pattern[i:i + 1] == b"]":
            return i
        i += 2 if pattern[i:i + 1] == b"\\" else 1
    return None


def bracket_regex(body):
    """`[...]` body (`!` or `^` negates; ranges; backslash escapes) as a regex class."""
    if re.search(rb"\[[:.=]", body):
        raise Rejected("an ignore pattern uses [:class:], [.sym.] or [=eq=], which this verifier does not support")
    negate = body[:1] in (b"!", b"^")
    members = []
    i = 1 if negate else 0
    while i < len(body):
        if body[i:i + 1] == b"\\" and i + 1 < len(body):
            i += 1
            members.append(re.escape(body[i:i + 1]))
        elif body[i:i + 1] == b"-" and members and i + 1 < len(body):
            members.append(b"-")  # a range between its neighbours
        else:
            members.append(re.escape(body[i:i + 1]))
        i += 1
    return b"(?!/)[" + (b"^" if negate else b"") + b"".join(members) + b"]"


def ignored(patterns, path, is_directory):
    """FORMAT.md, "Ignore patterns"."""
    for pattern in patterns:
        if pattern.endswith("/"):
            if not is_directory:
                continue
            pattern = pattern[:-1]
        anchored = "/" in pattern
        if pattern.startswith("/"):
            pattern = pattern[1:]
        subject = path if anchored else path.rsplit("/", 1)[-1]
        if glob_regex(pattern.encode("utf-8")).fullmatch(subject.encode("utf-8")):
            return True
    return False


def scan(root, patterns):
    """Walks the model without following symlinks: ({path: size}, {path: target})."""
    files, links, seen = {}, {}, set()
    real_root = os.path.realpath(root)
    pending = [""]
    while pending:
        directory = pending.pop()
        for raw in sorted(os.listdir(os.fsencode(os.path.join(root, directory)))):
            try:
                name = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise Rejected(f"{directory}/{raw!r} has a name that is not UTF-8")
            path = f"{directory}/{name}" if directory else name
            if path_problem(path):
                raise Rejected(f"{path!r} has {path_problem(path)} in its name")
            spelling = unicodedata.normalize("NFC", path)
            if spelling in seen:
                raise Rejected(f"{path!r} differs from another name only by Unicode normalisation")
            seen.add(spelling)
            absolute = os.path.join(root, path)
            info = os.lstat(absolute)  # never follows a symlink
            if ignored(patterns, path, stat.S_ISDIR(info.st_mode)):
                continue
            if stat.S_ISDIR(info.st_mode):
                pending.append(path)
            elif stat.S_ISREG(info.st_mode):
                files[path] = info.st_size
            elif stat.S_ISLNK(info.st_mode):
                links[path] = read_link(path, absolute, real_root)
            else:
                raise Rejected(f"{path} is a special file; a model holds only files, directories and symlinks")
    return files, links


def read_link(path, absolute, real_root):
    try:
        target = os.readlink(os.fsencode(absolute)).decode("utf-8")
    except UnicodeDecodeError:
        raise Rejected(f"symlink {path} has a target that is not UTF-8")
    if not link_stays_inside(path, target):
        raise Rejected(f"symlink {path} -> {target} leads outside the model")
    try:  # a link whose chain does not resolve has nowhere physical to lead
        resolved = os.path.realpath(absolute, strict=True)
    except OSError:
        return target
    if resolved != real_root and not resolved.startswith(real_root.rstrip("/") + "/"):
        raise Rejected(f"symlink {path} -> {target} leads outside the model through another link")
    return target


def hash_file(absolute, size, shard_size):
    """The file's digest member as the predicate writes it: sha256, or shards in shard mode."""
    sharded = shard_size is not None and size > shard_size
    pieces = [min(shard_size, size - offset) for offset in range(0, size, shard_size)] if sharded else [size]
    digests = []
    with os.fdopen(os.open(absolute, os.O_RDONLY | os.O_NOFOLLOW), "rb") as handle:
        for length in pieces:
            digest = hashlib.sha256()
            while length > 0:
                chunk = handle.read(min(length, READ_CHUNK))
                if not chunk:
                    raise Rejected(f"{absolute} changed while it was being hashed")
                digest.update(chunk)
                length -= len(chunk)
            digests.append(digest.hexdigest())
        if handle.read(1):
            raise Rejected(f"{absolute} changed while it was being hashed")
    return {"shards": digests} if sharded else {"sha256": digests[0]}


def hash_model(model, manifest):
    """What is on disk, in the predicate's shape. Files whose size differs are not read."""
    if os.path.isdir(model):
        root = model
        sizes, links = scan(model, manifest["ignore"])
    elif stat.S_ISREG(os.lstat(model).st_mode):  # a single-file model
        root, name = os.path.split(os.path.abspath(model))
        if path_problem(name):
            raise Rejected(f"{name!r} is not a valid model path")
        sizes, links = {name: os.lstat(model).st_size}, {}
    else:
        raise Rejected(f"{model} is not a directory or a regular file")
    expected = {entry["path"]: entry["size"] for entry in manifest["files"]}
    files = []
    for path, size in sorted(sizes.items()):
        entry = {"path": path, "size": size}
        if expected.get(path) == size:
            entry.update(hash_file(os.path.join(root, path), size, manifest["shardSize"]))
        files.append(entry)
    return files, [{"path": path, "target": target} for path, target in sorted(links.items())]


def compare(manifest, files, symlinks):
    def by_path(entries):
        return {entry["path"]: entry for entry in entries}
    expected = by_path(manifest["files"]) | by_path(manifest["symlinks"])
    actual = by_path(files) | by_path(symlinks)
    problems = []
    for label, paths in (("changed", [p for p in expected if p in actual and expected[p] != actual[p]]),
                         ("missing", [p for p in expected if p not in actual]),
                         ("unexpected", [p for p in actual if p not in expected])):
        if paths:
            problems.append(f"{label}: " + ", ".join(sorted(paths)))
    if problems:
        raise Rejected("the model's files differ from the signed manifest (" + "; ".join(problems) + ")")


# --- The procedure ---------------------------------------------------------------------

def verify(model, bundle_path, key_path, now=None):
    """FORMAT.md, "Verifying", with one trusted key. Returns (name, model digest)."""
    payload, signatures, chains = read_bundle(bundle_path)               # 1. bundle
    check_presented_certificates(signatures, chains)                     # 2. signature
    check_signature(payload, signatures, load_public_key(key_path))
    manifest, digest = decode_statement(payload)                         # 3. payload
    # 4. policy: one trusted key, any model name, no clearance; check 2 settled it.
    now = int(time.time()) if now is None else now
    if manifest["expiresAt"] is not None and manifest["expiresAt"] <= now:  # 5. expiry
        raise Rejected("the signature has expired")
    if manifest["createdAt"] > now + ALLOWED_CLOCK_SKEW:                 # 6. age
        raise Rejected("the signature is dated in the future")
    files, symlinks = hash_model(model, manifest)                        # 7. files
    compare(manifest, files, symlinks)
    on_disk = model_digest(files, symlinks, manifest["shardSize"])       # 8. model digest
    if on_disk != digest:
        raise Rejected(f"the model digest {on_disk} is not the signed {digest}")
    return manifest["name"], digest


def main(arguments):
    if len(arguments) != 3:
        print("usage: verify_bundle.py MODEL_DIR BUNDLE PUBLIC_KEY.pem", file=sys.stderr)
        return 2
    try:
        name, digest = verify(*arguments)
    except (Rejected, OSError, ValueError, UnsupportedAlgorithm) as error:
        print(f"REJECTED: {error}", file=sys.stderr)
        return 1
    print(f"OK {name} {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
