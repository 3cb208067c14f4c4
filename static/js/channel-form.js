// Presence only means something on community pages: hide the field elsewhere while it is
// empty. Without this script it simply stays visible, and the server checks it either way.
(function () {
  const platform = document.querySelector("select[data-community-platforms]");
  if (!platform) return;
  const community = platform.dataset.communityPlatforms.split(" ");
  const presence = platform.form.elements.presence;
  const field = presence.closest(".field");
  function sync() {
    field.hidden = !community.includes(platform.value) && !presence.value;
  }
  platform.addEventListener("change", sync);
  sync();
})();
