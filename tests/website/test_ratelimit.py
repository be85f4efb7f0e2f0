"""The per-address limit of the public forms: atomic under simultaneous posts, fair to readers
who correct a typo, and counting the reader's address behind the proxy."""

import threading

import pytest

from django.test import RequestFactory

from website.core.ratelimit import TOO_MANY, TOO_SOON, PostLimit, client_address

LIMIT = PostLimit("test-limit", "TEST_LIMIT", 0, 5, 600)


@pytest.fixture(autouse=True)
def _counted_in_the_cache(settings):
    """These tests are about the limiter's rules, counted in the cache as with Redis;
    test_ratelimit_database.py counts the same rules in the database."""
    settings.POST_LIMIT_STORE = "cache"


def post(address="203.0.113.60", **headers):
    return RequestFactory().post("/", REMOTE_ADDR=address, **headers)


def test_simultaneous_posts_cannot_all_pass():
    barrier = threading.Barrier(20)
    answers = []

    def send():
        barrier.wait()
        answers.append(LIMIT.reserve(post()))

    threads = [threading.Thread(target=send) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers.count(None) == 5
    assert answers.count(TOO_MANY) == 15


def test_a_double_click_is_refused_and_a_corrected_form_is_not_counted(settings):
    settings.TEST_LIMIT_MIN_SECONDS_BETWEEN = 1
    assert LIMIT.reserve(post()) is None
    assert LIMIT.reserve(post()) == TOO_SOON
    LIMIT.release(post())  # the first post was invalid: nothing stored
    for _ in range(4):
        assert LIMIT.reserve(post()) is None
        LIMIT.release(post())
    assert LIMIT.reserve(post()) is None  # still within five stored posts


def test_other_addresses_are_counted_apart():
    for _ in range(5):
        assert LIMIT.reserve(post("203.0.113.61")) is None
    assert LIMIT.reserve(post("203.0.113.61")) == TOO_MANY
    assert LIMIT.reserve(post("198.51.100.61")) is None


def test_the_readers_address_behind_the_proxy(settings):
    settings.CLIENT_ADDRESS_HEADER = "X-Real-IP"
    assert client_address(post("127.0.0.1", HTTP_X_REAL_IP="203.0.113.62")) == "203.0.113.62"
    assert client_address(post("127.0.0.1")) == "127.0.0.1"  # a request that bypassed the proxy
    settings.CLIENT_ADDRESS_HEADER = ""
    assert client_address(post("127.0.0.1", HTTP_X_REAL_IP="203.0.113.62")) == "127.0.0.1"


@pytest.mark.parametrize(
    ("raw", "counted"),
    [
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.63", "203.0.113.63"),
        ("not an address", "unknown"),
    ],
)
def test_ipv6_hosts_are_counted_by_their_block(raw, counted):
    assert client_address(post(raw)) == counted
