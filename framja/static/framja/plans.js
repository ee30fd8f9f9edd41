/* Främja: the plan page, made smoother with JavaScript.
 *
 * Without this script every button and link on the plan page is a plain form or link, and
 * works. With it, moving sections, rows and activities up and down, marking activities done
 * and adding a status are sent with fetch(). The view answers with the changed part of the
 * page, rendered on the server from the same templates as the whole page, and that part
 * replaces the old one: no reload, no lost scroll position. Focus stays on the control that
 * was used (or the nearest one left), and what happened is read out through the page's live
 * region. Whenever the answer is not such a part (an error page, a login page, no network),
 * the form is sent the plain way instead, so the user sees what the server has to say.
 */
(function () {
  "use strict";

  const live = document.getElementById("plan-live");
  if (!live || !("fetch" in window) || !("DOMParser" in window)) {
    return;
  }

  const FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";

  function announce(text) {
    if (!text) {
      return;
    }
    // Emptying the region first makes screen readers read a repeated message again.
    live.textContent = "";
    window.setTimeout(function () {
      live.textContent = text;
    }, 100);
  }

  function focusOn(element) {
    if (!element.matches(FOCUSABLE)) {
      element.setAttribute("tabindex", "-1");
    }
    element.focus();
  }

  function focusFirst(ids) {
    for (const id of ids) {
      const element = document.getElementById(id);
      if (element) {
        focusOn(element);
        return true;
      }
    }
    return false;
  }

  /* Ask the view for a part of the page; return the answer's fragment, or null when the
   * answer is anything else. 422 is a form sent back with its errors. */
  async function ask(url, options) {
    const headers = Object.assign({ "X-Requested-With": "fetch", Accept: "text/html" }, options.headers);
    const response = await fetch(url, Object.assign({}, options, { headers: headers, credentials: "same-origin" }));
    if (!response.ok && response.status !== 422) {
      return null;
    }
    const html = await response.text();
    const answer = new DOMParser().parseFromString(html, "text/html");
    return answer.querySelector("[data-fragment]");
  }

  /* Put each part of the fragment in place of the page's element with the same id, then move
   * focus and read out the message the view sent along. */
  function apply(fragment) {
    const replaced = [];
    for (const part of Array.from(fragment.children)) {
      const current = part.id ? document.getElementById(part.id) : null;
      if (current) {
        const fresh = document.adoptNode(part);
        current.replaceWith(fresh);
        replaced.push(fresh);
      }
    }
    const summary = replaced.map(function (part) {
      return part.querySelector(".error-summary");
    }).find(Boolean);
    if (summary) {
      summary.focus();
    } else {
      focusFirst((fragment.getAttribute("data-focus") || "").split(" ").filter(Boolean));
    }
    announce(fragment.getAttribute("data-message"));
    return replaced;
  }

  /* The status form, opened in the row's status cell instead of on a page of its own. */
  function openPanel() {
    return document.querySelector(".status-form[data-opener]");
  }

  function closePanel(giveFocusBack) {
    const panel = openPanel();
    if (!panel) {
      return;
    }
    const opener = document.getElementById(panel.getAttribute("data-opener"));
    panel.remove();
    if (opener) {
      opener.closest(".row-actions").hidden = false;
      if (giveFocusBack) {
        opener.focus();
      }
    }
  }

  async function openStatusForm(link) {
    closePanel(false);
    let fragment = null;
    try {
      fragment = await ask(link.href, { method: "GET" });
    } catch (error) {
      fragment = null;
    }
    if (!fragment || !fragment.firstElementChild) {
      window.location.assign(link.href);
      return;
    }
    const panel = document.adoptNode(fragment.firstElementChild);
    panel.setAttribute("data-opener", link.id);
    const holder = link.closest(".row-actions");
    holder.after(panel);
    holder.hidden = true;
    const heading = panel.querySelector("h3");
    if (heading) {
      focusOn(heading);
    }
  }

  async function send(form) {
    if (form.getAttribute("aria-busy") === "true") {
      return;
    }
    form.setAttribute("aria-busy", "true");
    const panel = form.closest(".status-form[data-opener]");
    const opener = panel ? panel.getAttribute("data-opener") : null;
    const token = form.querySelector("input[name=csrfmiddlewaretoken]");
    let fragment = null;
    try {
      fragment = await ask(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: token ? { "X-CSRFToken": token.value } : {},
      });
    } catch (error) {
      fragment = null;
    }
    if (!fragment) {
      form.submit();
      return;
    }
    form.removeAttribute("aria-busy");
    for (const part of apply(fragment)) {
      // A status form sent back with its errors stays open under the same link.
      if (opener && part.classList.contains("status-form")) {
        part.setAttribute("data-opener", opener);
      }
    }
  }

  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-enhance")) {
      return;
    }
    if (!form.closest("#plan-table, #plan-sections")) {
      return;
    }
    event.preventDefault();
    send(form);
  });

  document.addEventListener("click", function (event) {
    const target = event.target instanceof Element ? event.target : null;
    if (!target || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    const link = target.closest("#plan-table a[data-inline-form]");
    if (link) {
      event.preventDefault();
      openStatusForm(link);
      return;
    }
    if (target.closest(".status-form[data-opener] a[data-inline-cancel]")) {
      event.preventDefault();
      closePanel(true);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && document.activeElement && document.activeElement.closest(".status-form[data-opener]")) {
      closePanel(true);
    }
  });
})();
