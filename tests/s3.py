"""An S3 endpoint over real HTTP on loopback (moto's server mode), and storages pointed at it.

Import the fixtures into a test module that needs them (their functions carry a fixture_
prefix so that test arguments named after them do not shadow the import):

    from tests.s3 import fixture_moto_s3, fixture_s3_storages  # noqa: F401  (fixtures)

The STORAGES used by `s3_storages` are the ones lms/settings.py builds when a bucket is
configured: the settings file is run again with the S3 variables set, so the tests exercise
the deployed configuration rather than a copy of it that could drift.
"""

import json
import os
import runpy
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from unittest import mock

import boto3
import pytest
from moto.server import ThreadedMotoServer

BUCKET = "sinau-test"
ACCESS_KEY = "testing"
SECRET_KEY = "testing"
REGION = "us-east-1"
SETTINGS_FILE = Path(__file__).resolve().parent.parent / "lms" / "settings.py"

# What lms/settings.py expects of the bucket ("the bucket policy grants read on media/"): anyone
# may read media/, nothing else.
PUBLIC_MEDIA_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "PublicMedia",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/media/*",
        }
    ],
}


@dataclass(frozen=True)
class S3Endpoint:
    url: str
    bucket: str

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.url,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
        )

    def keys(self, prefix: str) -> set[str]:
        listing = self.client().list_objects_v2(Bucket=self.bucket, Prefix=prefix)
        return {entry["Key"] for entry in listing.get("Contents", [])}


def storages_for(endpoint: S3Endpoint, **more_environment: str) -> dict:
    """settings.STORAGES as lms/settings.py builds it for `endpoint`, with every other S3 option
    at its default unless given in `more_environment`."""
    s3_environment = {
        **more_environment,
        "AWS_STORAGE_BUCKET_NAME": endpoint.bucket,
        "AWS_S3_ENDPOINT_URL": endpoint.url,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
    }
    optional = ("AWS_PRIVATE_STORAGE_BUCKET_NAME", "AWS_MEDIA_QUERYSTRING_AUTH", "PRIVATE_URL_EXPIRY_SECONDS")
    environment = {name: value for name, value in os.environ.items() if name not in optional}
    with mock.patch.dict(os.environ, {**environment, **s3_environment}, clear=True):
        return runpy.run_path(str(SETTINGS_FILE))["STORAGES"]


def fetch(url: str) -> tuple[int, bytes, Message]:
    """GET `url` anonymously, as a browser would; returns (status, body, headers), for errors too."""
    # No proxy from the environment: the endpoint is on loopback and must be reached directly.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


@pytest.fixture(scope="session", name="moto_s3")
def fixture_moto_s3():
    """One moto S3 server per test process, on a loopback port the OS picks, with the bucket made."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = S3Endpoint(url=f"http://{host}:{port}", bucket=BUCKET)
    client = endpoint.client()
    client.create_bucket(Bucket=BUCKET)
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_MEDIA_POLICY))
    yield endpoint
    server.stop()


@pytest.fixture(name="s3_storages")
def fixture_s3_storages(moto_s3, settings, no_outbound_network):
    """Point Django's storages at the moto endpoint for one test; any connection off loopback fails it.

    pytest-django's `settings` fires setting_changed, on which Django drops its cached storages
    and default_storage, so both resolve to S3 from here on and back to disk afterwards.
    """
    settings.STORAGES = storages_for(moto_s3)
    yield moto_s3
