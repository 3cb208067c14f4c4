// The plan editor, enhanced: full drop-downs, rows made editable as their channel opens, rows
// added without a reload, the audit's figures refreshed as the person types, and a warning
// before leaving unsaved changes. Without JavaScript the page still works: every row reads as
// it is, each channel has a blank row, "?edit=<section>" lists every choice of one section, and
// "Check figures without saving" refreshes the figures.
(function () {
  const form = document.getElementById("plan-form");
  if (!form) return;
  const status = form.querySelector("[data-preview-status]");
  let dirty = false;

  // The row templates, rendered once per page, list every option of every drop-down.
  function template(prefix) {
    return form.querySelector('template[data-empty-row="' + prefix + '"]');
  }

  // A new editable row from the template, numbered `index`.
  function rowFromTemplate(prefix, index) {
    const holder = document.createElement("template");
    holder.innerHTML = template(prefix).innerHTML.replace(/__prefix__/g, String(index));
    return holder.content.firstElementChild;
  }

  // The kinds in the words of the section's network ("Boost" on Mastodon), listed once per
  // platform; null outside a channel's section.
  function kindsOf(select) {
    const section = select.closest("[data-platform]");
    const list = section && form.querySelector('template[data-kinds="' + section.dataset.platform + '"]');
    return list ? list.content.querySelector("select") : null;
  }

  // A row's drop-down comes with its selected option only (the page stays small); give it the
  // template's full list, keeping what it holds.
  function fillChoices(select) {
    const parts = select.name.split("-");
    const source = (parts[parts.length - 1] === "kind" && kindsOf(select)) || template(parts[0]).content.querySelector(
      'select[name="' + parts[0] + "-__prefix__-" + parts.slice(2).join("-") + '"]'
    );
    select.removeAttribute("data-choices");
    if (!source) return;
    const value = select.value;
    const options = Array.from(source.options, function (option) {
      const copy = option.cloneNode(true);
      copy.removeAttribute("selected");
      return copy;
    });
    // A value the list does not hold (an inactive channel, or a value sent back with its
    // error) stays among the choices, after the others.
    if (!options.some(function (option) { return option.value === value; })) {
      options.push(select.options[select.selectedIndex].cloneNode(true));
    }
    select.replaceChildren.apply(select, options);
    select.value = value;
  }

  // A collapsed channel's saved rows are text that posts the row's id alone; opened, each
  // becomes an editable row holding the same values (the cells line up with the inputs).
  function makeEditable(textRow, channelId) {
    const id = textRow.querySelector('input[name$="-id"]');
    const index = id.name.split("-")[1];
    const row = rowFromTemplate("act", index);
    row.querySelector('input[name$="-id"]').value = id.value;
    row.querySelector('input[name$="-channel"]').value = channelId;
    Array.from(textRow.cells).forEach(function (cell, column) {
      const target = row.cells[column];
      const control = target && target.querySelector("select, input:not([type=hidden]):not([type=checkbox])");
      if (control) control.value = "value" in cell.dataset ? cell.dataset.value : cell.textContent;
    });
    textRow.replaceWith(row);
    speakPlatform(row);
  }

  // A row cloned from the page's template lists the kinds in general words; in a channel's
  // section it takes that network's words, keeping its value.
  function speakPlatform(row) {
    row.querySelectorAll('select[name$="-kind"]').forEach(function (select) {
      select.setAttribute("data-choices", "");
      fillChoices(select);
    });
  }

  function openSection(section) {
    const channelId = section.closest("[data-channel-id]").dataset.channelId;
    section.querySelectorAll('[data-row="text"]').forEach(function (row) {
      makeEditable(row, channelId);
    });
    section.querySelectorAll("select[data-choices]").forEach(fillChoices);
  }

  form.querySelectorAll("details[data-section]").forEach(function (section) {
    if (section.open) openSection(section);
    section.addEventListener("toggle", function () {
      if (section.open) openSection(section);
    });
  });
  const links = form.querySelector("#links");
  if (links) links.querySelectorAll("select[data-choices]").forEach(fillChoices);
  // Anything still short of options gets them when reached, before it opens.
  form.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("select[data-choices]")) fillChoices(event.target);
  });

  // Adding rows: the template, numbered after the existing ones.
  form.querySelectorAll("[data-add-row]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      const prefix = button.dataset.addRow;
      const total = form.querySelector("#id_" + prefix + "-TOTAL_FORMS");
      const index = Number(total.value);
      const row = rowFromTemplate(prefix, index);
      const section = button.closest("[data-channel-id]");
      if (section) {
        const channel = row.querySelector('input[name$="-channel"]');
        if (channel) channel.value = section.dataset.channelId;
      }
      button.parentElement.querySelector("[data-rows]").appendChild(row);
      speakPlatform(row);
      total.value = String(index + 1);
      const first = row.querySelector("select, input:not([type=hidden])");
      if (first) first.focus();
    });
  });

  // Live figures: the server computes them with the audit's own code from the unsaved form.
  let timer = null;
  async function refreshFigures() {
    const data = new FormData(form);
    data.set("action", "preview");
    data.set("part", "figures");
    if (status) status.textContent = "Updating the figures…";
    try {
      const response = await fetch(form.dataset.previewUrl, { method: "POST", body: data });
      if (response.status === 422) {
        if (status) status.textContent = "Fix the marked rows (or save to see them) to update the figures.";
        return;
      }
      if (!response.ok) throw new Error(String(response.status));
      const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
      fresh.querySelectorAll("[data-figures-for]").forEach(function (panel) {
        const key = panel.dataset.figuresFor;
        const current = document.querySelector('[data-figures-for="' + CSS.escape(key) + '"]');
        if (current) current.replaceWith(panel);
      });
      if (status) status.textContent = "Figures include your unsaved changes.";
    } catch (error) {
      if (status) status.textContent = "Could not update the figures; they will update when you save.";
    }
  }
  form.addEventListener("input", function () {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(refreshFigures, 700);
  });
  form.addEventListener("change", function () {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(refreshFigures, 300);
  });
  // Saving: a refresh still waiting (a change event fires as the focus leaves a field for the
  // button) would only compete with the save.
  form.addEventListener("submit", function () {
    dirty = false;
    clearTimeout(timer);
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
})();
