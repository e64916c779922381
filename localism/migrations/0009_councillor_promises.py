from django.db import migrations

# The guidance pages can now promise what the portal does: councillors by postcode, and their surgeries.
# Sentences staff have edited are left alone.
PROMISES = {
    "working-with-councillors": [
        ("[Enter your postcode on this portal](/councils/who-represents-me/) to find your county, district and town or parish council and how to contact each of them; each council's website lists its councillors for your area.", '[Enter your postcode on this portal](/councils/who-represents-me/) to find your county councillor and your district councillors, how to contact them and when they hold surgeries, and your county, district and town or parish council. Where the portal does not know your division or ward yet, it says so and shows the councils, whose websites list their councillors.'),
        ("Check your councillor's page for details, or ask them for an appointment.", "Your councillor's page on this portal lists their coming surgeries, which you can add to your calendar; or ask them for an appointment."),
    ],
    "how-to-get-involved": [("[Enter your postcode](/councils/who-represents-me/) to find your county, district and town or parish council, what each is responsible for and how to contact them; each council's website lists its councillors.", '[Enter your postcode](/councils/who-represents-me/) to find your county councillor and district councillors and how to contact them, and your county, district and town or parish council and what each is responsible for.')],
}


def update(apps, schema_editor):
    from localism.markdown import render_markdown

    InformationPage = apps.get_model("localism", "InformationPage")  # noqa: N806
    for slug, pairs in PROMISES.items():
        page = InformationPage.objects.filter(slug=slug).first()
        if page is None:
            continue
        body = page.body
        for old, new in pairs:
            body = body.replace(old, new)
        if body != page.body:
            page.body, page.body_html = body, render_markdown(body)
            page.save(update_fields=["body", "body_html"])


class Migration(migrations.Migration):
    dependencies = [("localism", "0008_councillors")]

    operations = [migrations.RunPython(update, migrations.RunPython.noop)]
