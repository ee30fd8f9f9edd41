/* Främja: answering a survey, made smoother with JavaScript.
 *
 * Without this script every question is shown, and a question that depends on another says
 * so ("Besvaras bara om svaret på … är ja"); the server ignores its answer unless the other
 * question is answered yes, and checks it as required only then. With it, such a question
 * is hidden until the question it depends on is answered yes.
 */
(function () {
  "use strict";

  const dependants = document.querySelectorAll("[data-show-when]");
  if (!dependants.length) {
    return;
  }

  function isYes(name) {
    const checked = document.querySelector('input[name="' + name + '"]:checked');
    if (!checked) {
      return false;
    }
    // A condition that is itself hidden counts as not answered.
    const block = checked.closest(".survey-question");
    return checked.value === "yes" && !(block && block.hidden);
  }

  function update() {
    // Twice, so a chain of conditions settles whatever the order on the page.
    for (let round = 0; round < 2; round += 1) {
      dependants.forEach(function (block) {
        block.hidden = !isYes(block.getAttribute("data-show-when"));
      });
    }
  }

  document.addEventListener("change", function (event) {
    if (event.target instanceof HTMLInputElement && event.target.type === "radio") {
      update();
    }
  });
  update();
})();
