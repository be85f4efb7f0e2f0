"""A 404 answered by a view (the admin's) stays a 404 there, not a redirect to the public site."""

from tests.factories import ClubIndexPageFactory, ClubLeaderFactory, ClubPageFactory


def test_another_teachers_club_is_an_admin_404(client, home):
    index = ClubIndexPageFactory(parent=home)
    theirs = ClubPageFactory(parent=index, leader=ClubLeaderFactory())
    me = ClubLeaderFactory()
    client.force_login(me.user)
    response = client.get(f"/admin/my-clubs/{theirs.pk}/")
    assert response.status_code == 404
    assert "Location" not in response
    assert "wagtailadmin/404.html" in [t.name for t in response.templates]


def test_views_outside_the_site_keep_their_404(admin_client, home):
    client = admin_client
    for url in ("/admin/no-such-screen/", "/api/v2/pages/999999/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Location" not in response, url


def test_an_address_without_its_language_still_finds_its_page(client, home):
    response = client.get("/search/")
    assert response.status_code == 302
    assert response["Location"] in ("/en/search/", "/zh-hans/search/")
