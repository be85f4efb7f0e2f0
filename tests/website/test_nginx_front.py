"""The README's nginx configuration (deploy/nginx.conf), run as written in front of the app:
no private file answers without a login, the public media do, and a body over the limit gets
the site's own 413 rather than nginx's English page or a 502.

nginx comes from Debian's `nginx` package (scripts/setup.sh with WITH_TEST_PACKAGES=1).
"""

import os
import pwd
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests

from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.test import Client

from tests.factories import UserFactory
from tests.website.private_files import SECRET, make_private_files

ROOT = Path(__file__).resolve().parents[2]
CONF = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
needs_nginx = pytest.mark.skipif(
    NGINX is None, reason="nginx is not installed (WITH_TEST_PACKAGES=1 scripts/setup.sh)"
)
MB = 1024 * 1024


def test_the_readme_shows_the_configuration_as_it_is():
    readme = (ROOT / "README.md").read_text()
    assert f"```nginx\n{CONF.read_text()}```" in readme


def test_the_body_limits_are_the_apps():
    limits = re.findall(r"client_max_body_size (\d+)m;", CONF.read_text())
    assert int(limits[0]) * MB == django_settings.REQUEST_MAX_BODY_BYTES
    assert {int(size) * MB for size in limits[1:]} == {django_settings.ADMIN_REQUEST_MAX_BODY_BYTES}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def nginx(live_server, tmp_path, settings):
    """The configuration with this machine's paths and ports, under a throwaway prefix."""
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/_private/"
    settings.SENDFILE_BACKEND = "website.core.sendfile"
    host = live_server.thread.host.replace("localhost", "127.0.0.1")
    port = free_port()
    site = CONF.read_text()
    for written, here in {
        "listen 80;": f"listen 127.0.0.1:{port};",
        "server 127.0.0.1:8000;": f"server {host}:{live_server.thread.port};",
        "/srv/library/media/": f"{settings.MEDIA_ROOT}/",
        "/srv/library/private-media/": f"{settings.PRIVATE_MEDIA_ROOT}/",
    }.items():
        assert written in site
        site = site.replace(written, here)
    (tmp_path / "site.conf").write_text(site)
    temp_paths = " ".join(
        f"{kind}_temp_path {tmp_path}/{kind};" for kind in ("client_body", "proxy", "fastcgi")
    )
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(
        f"{user} daemon off; pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;\n"
        "events { worker_connections 64; }\n"
        f"http {{ include /etc/nginx/mime.types; access_log off; {temp_paths}\n"
        f"uwsgi_temp_path {tmp_path}/uwsgi; scgi_temp_path {tmp_path}/scgi;\n"
        f"include {tmp_path}/site.conf; }}\n"
    )
    process = subprocess.Popen(
        [NGINX, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-e", "stderr"],
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"nginx did not start: {process.stderr.read().decode()}")
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def files(transactional_db):
    return make_private_files()


def get(url, **kwargs):
    return requests.get(url, allow_redirects=False, timeout=10, **kwargs)


@needs_nginx
def test_no_private_file_answers_without_login(nginx, files, settings):
    for what, name in files.refused_names().items():
        for url in (f"/media/{name}", default_storage.url(name)):
            response = get(nginx + url)
            assert response.status_code in (403, 404), (what, url, response.status_code)
            assert SECRET not in response.content
    response = get(nginx + files.document.url)
    assert response.status_code == 302 and "/login/" in response.headers["Location"]
    # the internal location answers the app's X-Accel-Redirect only
    assert get(nginx + "/_private/" + files.document.file.name).status_code == 404


@needs_nginx
def test_public_images_answer(nginx, files):
    response = get(nginx + files.public_rendition.url)
    assert response.status_code == 200 and response.content[:3] == b"\xff\xd8\xff"
    assert files.public_rendition.url.startswith("/media/images/")
    response = get(nginx + files.public_note_rendition.url)  # the app checks, nginx sends
    assert response.status_code == 200 and response.content[:3] == b"\xff\xd8\xff"
    assert response.headers["Content-Type"] == "image/jpeg"


@needs_nginx
def test_who_may_have_a_private_file_gets_it_from_the_web_server(nginx, files):
    client = Client()
    client.force_login(UserFactory(is_superuser=True))
    cookies = {django_settings.SESSION_COOKIE_NAME: client.cookies["sessionid"].value}
    response = get(nginx + files.document.url, cookies=cookies)
    assert response.status_code == 200 and response.content == SECRET
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    response = get(nginx + files.hidden_rendition.url, cookies=cookies)
    assert response.status_code == 200 and response.content[:3] == b"\xff\xd8\xff"


def post(url, size, **kwargs):
    return requests.post(url, data=b"x" * size, timeout=60, **kwargs)


@needs_nginx
@pytest.mark.parametrize("chunked", [False, True], ids=["announced", "chunked"])
def test_an_oversized_upload_gets_the_sites_413(nginx, transactional_db, settings, chunked):
    size = settings.REQUEST_MAX_BODY_BYTES + 1
    body = iter([b"x" * size]) if chunked else b"x" * size
    response = requests.post(nginx + "/en/campaigns/1/recommend/", data=body, timeout=60)
    assert response.status_code == 413
    assert "nginx" not in response.text.lower()
    assert "the limit is 25.0 MB" in response.text or "larger than the 25.0 MB" in response.text, (
        response.text
    )


@needs_nginx
def test_the_413_is_in_the_readers_language(nginx, transactional_db, settings):
    size = settings.REQUEST_MAX_BODY_BYTES + 1
    response = post(nginx + "/zh-hans/campaigns/1/recommend/", size)
    assert response.status_code == 413 and "25.0" in response.text
    assert "limit" not in response.text


@needs_nginx
def test_the_admin_takes_larger_uploads_through(nginx, transactional_db, settings):
    response = post(nginx + "/admin/login/", settings.REQUEST_MAX_BODY_BYTES + MB)
    assert response.status_code not in (413, 502)
