"""Merging people never breaks a link: a merged-away person's page and API
URL answer 301 to the person kept, through later merges too, and their slug
is never given to anyone else. The merge form shows each candidate's
counts, latest item and organisation, has a cancel link and chooses
nothing."""
from django.contrib.auth.models import User
from django.test import TestCase, override_settings
from django.urls import reverse

from articles import editing
from articles.models import Item, Page, Person, PersonRedirect

from . import factories


# The view itself, each time: a test reads its context (the whole answer's
# cache has tests of its own, test_cache).
@override_settings(ARCHIVE_CACHE_SECONDS=0)
class MergeRedirectTests(TestCase):
    def setUp(self):
        factories.issue("2021-02-04", items_per_page=2, reporters=("王志敏",))
        self.keep = Person.objects.get(name="王志敏")
        self.gone = factories.person("王菲")
        factories.add_items(Page.objects.get(), 1, people=[self.gone])

    def test_a_merged_persons_page_and_api_redirect_to_the_person_kept(self):
        old_page, old_api = self.gone.get_absolute_url(), f"/api/people/{self.gone.slug}/"
        self.assertEqual(self.client.get(old_page).status_code, 200)
        editing.merge_people(self.keep, [self.gone])
        self.assertRedirects(self.client.get(old_page), self.keep.get_absolute_url(), status_code=301)
        self.assertRedirects(self.client.get(old_page, {"page": "2"}), self.keep.get_absolute_url() + "?page=2",
                             status_code=301, fetch_redirect_response=False)
        self.assertRedirects(self.client.get(old_api), reverse("api-person", args=[self.keep.slug]), status_code=301)
        self.assertEqual(self.client.get(self.keep.get_absolute_url()).context["total"], 3)

    def test_a_later_merge_carries_the_earlier_redirects_along(self):
        editing.merge_people(self.keep, [self.gone])
        third = factories.person("王志明")
        factories.add_items(Page.objects.get(), 1, people=[third])
        editing.merge_people(third, [self.keep])
        for old in ("王菲", "王志敏"):
            with self.subTest(old=old):
                self.assertRedirects(self.client.get(f"/people/{old}/"), third.get_absolute_url(), status_code=301)

    def test_the_slug_of_a_merged_person_is_never_given_again(self):
        editing.merge_people(self.keep, [self.gone])
        again = Person.objects.create(name="王菲", organisation="", kind=Person.NAMED)
        self.assertEqual(again.slug, "王菲-2")
        self.assertRedirects(self.client.get("/people/王菲/"), self.keep.get_absolute_url(), status_code=301)

    def test_an_unknown_person_is_still_404(self):
        self.assertEqual(self.client.get("/people/没有这个人/").status_code, 404)
        self.assertEqual(self.client.get("/api/people/没有这个人/").status_code, 404)


class MergeFormTests(TestCase):
    def setUp(self):
        self.client.force_login(User.objects.create_superuser("editor", "e@example.com", "x" * 12))
        factories.issue("2021-02-03", items_per_page=1, reporters=("王志敏",))
        factories.issue("2021-02-04", items_per_page=2, reporters=("王志敏",))
        Item.objects.filter(page__issue__date="2021-02-04", position=0).update(headline="王志敏最近的一篇")
        self.keep = Person.objects.get(name="王志敏")
        self.gone = factories.person("王菲", "新华社", Person.WIRE)

    def form(self):
        return self.client.post("/admin/articles/person/", {"action": "merge",
                                                            "_selected_action": [self.keep.pk, self.gone.pk]})

    def test_each_candidate_with_counts_latest_item_and_organisation(self):
        response = self.form()
        self.assertContains(response, "<td>3 篇</td>", html=True)
        self.assertContains(response, "王志敏最近的一篇")
        self.assertContains(response, "2021-02-04")
        self.assertContains(response, "<td>新华社</td>", html=True)
        self.assertContains(response, "<td>0 篇</td>", count=3, html=True)

    def test_nothing_is_chosen_and_there_is_a_way_back(self):
        response = self.form()
        self.assertNotContains(response, "checked")
        self.assertContains(response, '<a href="/admin/articles/person/" class="button cancel-link">取消</a>', html=True)
        refused = self.client.post("/admin/articles/person/", {"action": "merge", "apply": "1",
                                                               "_selected_action": [self.keep.pk, self.gone.pk]})
        self.assertContains(refused, "请选择要保留的人物。")
        self.assertEqual(Person.objects.filter(pk__in=[self.keep.pk, self.gone.pk]).count(), 2)

    def test_merging_records_the_redirect(self):
        self.client.post("/admin/articles/person/", {"action": "merge", "apply": "1", "keep": self.keep.pk,
                                                     "_selected_action": [self.keep.pk, self.gone.pk]})
        self.assertEqual(PersonRedirect.objects.get().slug, "新华社-王菲")
        self.assertContains(self.client.get(f"/admin/articles/person/{self.keep.pk}/change/"), "新华社-王菲")
