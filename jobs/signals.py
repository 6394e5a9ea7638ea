"""Keeps denormalised search text in step with the rows it copies from."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from employers.models import Employer

from .models import JobPosting


@receiver(post_save, sender=Employer, dispatch_uid="jobs.refresh_search_on_employer_save")
def refresh_postings_search_on_employer_rename(sender, instance: Employer, created: bool, **kwargs) -> None:
    """When an employer's name changes, recompute the ``search_document`` and
    ``search_bigrams`` of its postings (they include the employer name), so a keyword search
    finds them under the new name at once."""
    if created or kwargs.get("raw") or not instance.name_changed:
        return
    instance._loaded_name = instance.name
    postings = list(JobPosting.objects.filter(employer=instance).only("id", "title", "description", "search_document"))
    changed = []
    for posting in postings:
        posting.employer = instance
        before = posting.search_document
        posting.refresh_search_fields()
        if posting.search_document != before:
            changed.append(posting)
    JobPosting.objects.bulk_update(changed, ["search_document", "search_bigrams"], batch_size=500)
