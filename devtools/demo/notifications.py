from devtools.demo import RESIDENT_EMAIL, register

BENCH_TOPIC = "transport-and-roads"
BENCH_FOLLOWERS = {"full": 20_000, "small": 2_000}


@register("notifications", order=25)
def seed(stdout, scale=None) -> None:
    from django.contrib.auth.hashers import make_password
    from django.contrib.contenttypes.models import ContentType

    from accounts.models import User
    from localism.models import Place, Topic
    from notifications.models import Announcement, Subscription
    from notifications.services import subscription_follow

    resident = User.objects.get(email=RESIDENT_EMAIL)
    norwich = Place.objects.get(slug="norwich")
    transport = Topic.objects.get(slug=BENCH_TOPIC)
    subscription_follow(user=resident, target=norwich)
    subscription_follow(user=resident, target=transport)
    announcement = Announcement.objects.create(
        title="Roadworks on Prince of Wales Road",
        body="Resurfacing runs overnight from 8pm to 6am for two weeks. Buses will divert along Rose Lane.",
    )
    announcement.places.add(norwich)
    announcement.topics.add(transport)
    stdout.write("Notifications: the demo resident follows Norwich and transport; one announcement to send.")

    from django.utils import timezone

    from devtools.demo import GROUP_EMAIL
    from notifications.models import MobileNumber
    from notifications.texts import code_hash, new_code

    # Ofcom's numbers for drama (07700 900xxx) belong to nobody: a demo with GOV.UK Notify set up
    # texts no one (Notify refuses them, and the rows show as failed in the outbox).
    MobileNumber.objects.create(user=resident, number="+447700900982", verified_at=timezone.now())
    group_member = User.objects.get(email=GROUP_EMAIL)
    waiting = MobileNumber(user=group_member, number="+447700900983", code_sent_at=timezone.now())
    waiting.code_hash = code_hash(waiting, new_code())
    waiting.save()
    stdout.write(
        "Notifications: text alerts on for the demo resident (07700 900982); the group member's number "
        "waits for its code (text alerts are offered when NOTIFY_API_KEY is set)."
    )

    if scale:
        count = BENCH_FOLLOWERS[scale]
        unusable = make_password(None)
        users = User.objects.bulk_create(
            [
                User(
                    email=f"bench-follower-{n}@example.org",
                    display_name=f"Follower {n}",
                    password=unusable,
                    email_frequency="instant",
                )
                for n in range(count)
            ],
            batch_size=5000,
        )
        topic_type = ContentType.objects.get_for_model(Topic)
        Subscription.objects.bulk_create(
            [Subscription(user=user, target_type=topic_type, target_id=str(transport.pk)) for user in users],
            batch_size=5000,
        )
        stdout.write(f"Notifications: {count} followers of {transport.name} for the bench.")
