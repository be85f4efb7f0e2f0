"""Reading URLs under the language prefix (/zh-hans/…, /en/…). Each feature adds its lines."""

from django.urls import path  # noqa: F401

from reading.views import archive as archive_views
from reading.views import books as book_views
from reading.views import campaigns as campaign_views
from reading.views import club_votes as vote_views
from reading.views import clubs as club_views
from reading.views import shelves as shelf_views

app_name = "reading"

urlpatterns = [
    path("campaigns/<int:page_id>/recommend/", campaign_views.submit, name="campaign_submit"),
    path("campaigns/book-match/", campaign_views.book_match, name="campaign_book_match"),
    path(
        "campaigns/submissions/<str:token>/",
        campaign_views.submission_status,
        name="submission_edit",
    ),
    path(
        "campaigns/submissions/<str:token>/note.jpg",
        campaign_views.submission_note_thumbnail,
        name="submission_note",
    ),
    path(
        "campaigns/kept-notes/<str:token>.jpg",
        campaign_views.pending_note_thumbnail,
        name="pending_note",
    ),
    path("recommenders/<str:slug>/", campaign_views.recommender_detail, name="recommender"),
    path("books/", book_views.book_list, name="book_list"),
    path("books/<int:pk>/", book_views.book_detail, name="book_detail"),
    path("clubs/calendar.ics", club_views.clubs_feed, name="clubs_feed"),
    path("shelves/<int:shelf_id>/label.svg", shelf_views.shelf_label, name="shelf_label"),
    path("shelves/<int:shelf_id>/qr.<str:fmt>", shelf_views.shelf_qr, name="shelf_qr"),
    path("clubs/<int:club_id>/signup/", club_views.signup, name="club_signup"),
    path("clubs/<int:club_id>/link/", club_views.resend_link, name="club_resend_link"),
    path("clubs/<int:club_id>/calendar.ics", club_views.club_ics, name="club_ics"),
    path("clubs/<int:club_id>/vote/", vote_views.vote, name="club_vote"),
    path("clubs/votes/<str:token>/", vote_views.ballot, name="club_ballot"),
    path("clubs/my/<str:token>/", club_views.participant, name="club_participant"),
    path("clubs/my/<str:token>/cancel/", club_views.cancel, name="club_cancel"),
    path("clubs/my/<str:token>/offer/", club_views.offer_answer, name="club_offer"),
    path("clubs/my/<str:token>/attend/", club_views.attend, name="club_attend"),
    path("clubs/reminders-off/<str:token>/", club_views.reminders_off, name="club_reminders_off"),
    path("clubs/<int:club_id>/here/", club_views.here, name="club_here"),
    path(
        "clubs/my/<str:token>/checkins/<int:pk>/edit/",
        club_views.checkin_edit,
        name="club_checkin_edit",
    ),
    path(
        "clubs/my/<str:token>/checkins/<int:pk>/delete/",
        club_views.checkin_delete,
        name="club_checkin_delete",
    ),
    path("notes/<int:pk>/", archive_views.note_detail, name="archive_note"),
]
