"""Throttling behind the reverse proxy (issue 16, point 1, in part): the number of proxy hops
to trust is a setting (TRUSTED_PROXY_COUNT, allauth's ALLAUTH_TRUSTED_PROXY_COUNT), and the
client address it yields is what every limiter counts (allauth's login limits, and the
certificate lookups through the adapter's get_client_ip)."""

import os
import re
import subprocess
import sys
import threading

import pytest
from django.contrib.auth.signals import user_login_failed
from django.test import Client
from django.urls import reverse

from tests.concurrency import run_concurrently
from tests.factories import PASSWORD, UserFactory, verified

LOOKUP = reverse("certificates:verify", args=["ABCDEFGHJKMN"])  # no such certificate: 404 until limited
PROXY = "10.0.0.2"  # the reverse proxy the README recommends, as the app sees it


def lookups(client, client_address, n):
    """`n` lookups from `client_address`, arriving through the proxy (which appends it to X-Forwarded-For)."""
    return [
        client.get(LOOKUP, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"203.0.113.9, {client_address}").status_code
        for _ in range(n)
    ]


@pytest.fixture
def limit_of_three(settings):
    settings.CERTIFICATE_LOOKUPS_PER_MINUTE = 3


@pytest.mark.django_db
def test_behind_one_trusted_proxy_each_client_has_its_own_bucket(client, settings, limit_of_three):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert lookups(client, "198.51.100.1", 4) == [404, 404, 404, 429]
    assert lookups(client, "198.51.100.2", 1) == [404]  # another client behind the same proxy


@pytest.mark.django_db
def test_a_client_cannot_escape_its_bucket_by_forging_x_forwarded_for(client, settings, limit_of_three):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert lookups(client, "198.51.100.3", 3) == [404] * 3
    # The forged entries come first; the proxy's own (last) entry still names the client.
    forged = client.get(
        LOOKUP, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.50, 192.0.2.51, 198.51.100.3"
    ).status_code
    assert forged == 429


@pytest.mark.django_db
def test_with_no_trusted_proxy_x_forwarded_for_is_ignored(client, settings, limit_of_three):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    assert lookups(client, "198.51.100.4", 2) + lookups(client, "198.51.100.5", 2) == [404, 404, 404, 429]


def test_the_proxy_count_is_read_from_the_environment():
    environment = {**os.environ, "DJANGO_DEBUG": "1", "TRUSTED_PROXY_COUNT": "2"}
    code = "from lms import settings; print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)"
    result = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "2"


@pytest.mark.django_db
def test_the_owner_locked_out_by_someone_elses_failed_logins_still_gets_in_by_a_code(
    client, participant, mailoutbox, django_capture_on_commit_callbacks
):
    for _attempt in range(5):  # someone else, guessing
        client.post(reverse("account_login"), {"login": participant.email, "password": "tebakan-salah"})
    client.post(reverse("account_login"), {"login": participant.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session  # the password login of the address is held
    assert reverse("account_request_login_code") in client.get(reverse("account_login")).content.decode()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # the email leaves after commit
        response = client.post(reverse("account_request_login_code"), {"email": participant.email})
    assert response.status_code == 302
    [message] = mailoutbox
    assert message.to == [participant.email]
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", message.body, re.MULTILINE).group(1)
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(participant.pk)


@pytest.mark.django_db
def test_a_flood_of_lookups_from_many_addresses_does_not_erase_the_login_limits(client, participant):
    """The database cache as shipped: past Django's default of 300 rows it deletes the first
    third by key, and allauth's login limits sort first. Each address's lookups take a row."""
    for _attempt in range(5):  # someone guessing the password: the address's logins are held
        client.post(reverse("account_login"), {"login": participant.email, "password": "tebakan-salah"})
    flood = Client()
    for n in range(400):
        flood.get(LOOKUP, REMOTE_ADDR=f"198.18.{n // 200}.{n % 200 + 1}")
    client.post(reverse("account_login"), {"login": participant.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session  # still held


# --- Atomic under concurrency ------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.xdist_group("concurrency")
def test_forty_concurrent_lookups_from_one_client_let_through_at_most_the_limit(settings, shared_cache):
    settings.CERTIFICATE_LOOKUPS_PER_MINUTE = 10

    def lookup(_n):
        return Client().get(LOOKUP, REMOTE_ADDR="198.51.100.40").status_code

    statuses, errors = run_concurrently(lookup, list(range(40)), clients=40)
    assert not errors
    assert len(statuses) == 40 and set(statuses) <= {404, 429}
    assert statuses.count(404) == 10  # exactly the limit


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.xdist_group("concurrency")
def test_forty_concurrent_guesses_at_one_account_try_at_most_the_accounts_limit(settings, shared_cache):
    """allauth's failed-login limit per account (LOGIN_ATTEMPTS_LIMIT, 5) holds when forty
    guesses from forty addresses arrive at once: allauth takes a lock in the shared cache
    (an atomic add: INSERT on the database cache's primary key, SET NX on Redis) around each
    count, so at most five passwords are ever checked; the others are refused unchecked."""
    owner = verified(UserFactory(email="pemilik@contoh.id"))
    checked, lock = [], threading.Lock()

    def count(sender, credentials, **kwargs):
        with lock:
            checked.append(credentials.get("email") or credentials.get("username"))

    user_login_failed.connect(count, dispatch_uid="test-throttling-count")
    try:

        def guess(n):
            response = Client().post(
                reverse("account_login"),
                {"login": owner.email, "password": f"tebakan-{n}"},
                REMOTE_ADDR=f"198.51.100.{n + 1}",
            )
            return response.status_code

        statuses, errors = run_concurrently(guess, list(range(40)), clients=40)
    finally:
        user_login_failed.disconnect(dispatch_uid="test-throttling-count")
    assert not errors and len(statuses) == 40 and set(statuses) <= {200, 429}
    assert 1 <= len(checked) <= 5, len(checked)


@pytest.mark.django_db
def test_a_chain_shorter_than_the_trusted_hops_counts_by_the_address_that_reached_the_app(
    client, settings, limit_of_three, participant, caplog
):
    """TRUSTED_PROXY_COUNT set higher than the proxies a request came through: allauth raises;
    the login page and the lookups answer, and count by REMOTE_ADDR, which nobody can forge."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    answers = [
        client.get(LOOKUP, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(4)
    ]
    assert answers == [404, 404, 404, 429]  # four "clients" by their forged header, one bucket: the proxy's
    assert "TRUSTED_PROXY_COUNT=2" in caplog.text
    response = client.post(
        reverse("account_login"),
        {"login": participant.email, "password": "tebakan-salah"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert response.status_code == 200 and "_auth_user_id" not in client.session
