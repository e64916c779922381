from devtools.demo import (
    DEMO_PASSWORD,
    GROUP_EMAIL,
    RESIDENT_EMAIL,
    STAFF_EMAIL,
    STAFF_TOTP_SECRET,
    register,
)


@register("accounts", order=20)
def seed(stdout, scale=None) -> None:
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP

    from accounts.models import User
    from localism.models import Place, Topic

    norwich = Place.objects.get(slug="norwich")
    staff = User.objects.create_superuser(STAFF_EMAIL, DEMO_PASSWORD, display_name="Council officer (demo)")
    TOTP.activate(staff, STAFF_TOTP_SECRET)
    resident = User.objects.create_user(
        RESIDENT_EMAIL, DEMO_PASSWORD, display_name="Sam from Norwich", home_postcode="NR2 1AB", home_place=norwich
    )
    resident.interests.set(Topic.objects.filter(slug__in=["health-and-wellbeing", "transport-and-roads"]))
    group = User.objects.create_user(GROUP_EMAIL, DEMO_PASSWORD, display_name="Aylsham Community Hub")
    for user in (staff, resident, group):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    stdout.write("Accounts: a staff officer, a resident and a group member.")
