import factory
from django.contrib.contenttypes.models import ContentType
from django.db.models import F

from discussions.models import Comment
from tests.factories import UserFactory


class CommentFactory(factory.django.DjangoModelFactory):
    """CommentFactory(target=consultation) or CommentFactory(target=..., parent=comment)."""

    class Meta:
        model = Comment
        exclude = ["target"]

    target = None
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.target))
    object_id = factory.LazyAttribute(lambda o: o.target.pk)
    author = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"Comment number {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        comment = super()._create(model_class, *args, **kwargs)
        if comment.parent_id and comment.status == Comment.Status.PUBLISHED:
            Comment.objects.filter(pk=comment.parent_id).update(reply_count=F("reply_count") + 1)
        return comment
