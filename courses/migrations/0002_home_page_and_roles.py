"""Make the course index the site's home page, and create the Trainer and Staff roles.

Trainers may add and edit pages under the home page but not publish them; every
change goes through the "Staff approval" workflow, whose only task belongs to the
Staff group.
"""

from django.db import migrations

TRAINER = "Trainer"
STAFF = "Staff"

PAGE_PERMISSIONS = {
    TRAINER: ["add_page", "change_page"],
    STAFF: ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"],
}
MODEL_PERMISSIONS = {
    # (app_label, model): codenames
    TRAINER: {
        ("wagtailadmin", "admin"): ["access_admin"],
        ("wagtailimages", "image"): ["add_image", "choose_image"],
        ("wagtaildocs", "document"): ["add_document", "choose_document"],
    },
    STAFF: {
        ("wagtailadmin", "admin"): ["access_admin"],
        ("wagtailimages", "image"): ["add_image", "change_image", "delete_image", "choose_image"],
        ("wagtaildocs", "document"): ["add_document", "change_document", "delete_document", "choose_document"],
        ("lms", "user"): ["add_user", "change_user", "view_user"],
    },
}
COLLECTION_MODELS = {("wagtailimages", "image"), ("wagtaildocs", "document")}


def get_permission(apps, app_label, model, codename):
    # Permissions are normally made by post_migrate, after every migration has run;
    # on a fresh database they do not exist yet, so make them the same way here.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    action, _, _ = codename.partition("_")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": f"Can {action} {model}"}
    )
    return permission


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    Collection = apps.get_model("wagtailcore", "Collection")
    CourseIndexPage = apps.get_model("courses", "CourseIndexPage")
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    # Replace Wagtail's "Welcome" page with the course index as the home page.
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()
    index_type, _ = ContentType.objects.get_or_create(app_label="courses", model="courseindexpage")
    root = Page.objects.get(depth=1)
    home = CourseIndexPage.objects.create(
        title="Program Pelatihan",
        draft_title="Program Pelatihan",
        slug="home",
        content_type=index_type,
        path=root.path + "0002",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=Locale.objects.order_by("pk").first(),
        live=True,
        intro="<p>Pelatihan membuat konten, branding kota dan jualan online untuk warga dan ASN.</p>",
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True)

    root_collection = Collection.objects.get(depth=1)
    groups = {}
    for name in (TRAINER, STAFF):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        for codename in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=home.pk, permission=get_permission(apps, "wagtailcore", "page", codename)
            )
        for (app_label, model), codenames in MODEL_PERMISSIONS[name].items():
            for codename in codenames:
                permission = get_permission(apps, app_label, model, codename)
                if (app_label, model) in COLLECTION_MODELS:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=permission
                    )
                else:
                    group.permissions.add(permission)

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.create(name="Persetujuan Staff", content_type=task_type, active=True)
    task.groups.set([groups[STAFF]])
    workflow = Workflow.objects.create(name="Persetujuan Staff", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page_id=home.pk)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("lms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
