-- 内容图片路径校验修正 (issue 14): the path checks used `{1,300}`, above Postgres' regex repetition
-- limit (255), so every non-empty banner, cover, photo or attachment path failed with "invalid
-- regular expression". Same rule, written as a length check plus a character class. Article images
-- get the same rule per element.

alter table public.campaigns drop constraint campaigns_banner_path_check;
alter table public.campaigns add constraint campaigns_banner_path_check
  check (length(banner_path) between 1 and 300 and banner_path ~ '^[A-Za-z0-9/_.-]+$');

alter table public.policies drop constraint policies_attachment_path_check;
alter table public.policies add constraint policies_attachment_path_check
  check (length(attachment_path) between 1 and 300 and attachment_path ~ '^[A-Za-z0-9/_.-]+$');

alter table public.articles drop constraint articles_cover_path_check;
alter table public.articles add constraint articles_cover_path_check
  check (length(cover_path) between 1 and 300 and cover_path ~ '^[A-Za-z0-9/_.-]+$');
-- every element: letters, digits and / _ . - only (joined with a space, which no element may
-- contain); 20 of them at most (articles_image_paths_check)
alter table public.articles add constraint articles_image_paths_format_check
  check (array_position(image_paths, null) is null
         and array_to_string(image_paths, ' ') ~ '^([A-Za-z0-9/_.-]+( [A-Za-z0-9/_.-]+)*)?$'
         and length(array_to_string(image_paths, ' ')) <= 20 * 301);

alter table public.experts drop constraint experts_photo_path_check;
alter table public.experts add constraint experts_photo_path_check
  check (length(photo_path) between 1 and 300 and photo_path ~ '^[A-Za-z0-9/_.-]+$');
