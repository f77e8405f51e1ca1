// The search box of every page: names suggested as one types (from /search); a name picked from the
// suggestions opens its resource, anything else the search page.
const form = document.querySelector("form.nav-search");
const input = form && form.querySelector("input[name=q]");
if (input) {
  const list = document.createElement("datalist");
  list.id = "nav-suggestions";
  form.appendChild(list);
  input.setAttribute("list", list.id);
  input.setAttribute("autocomplete", "off");
  const paths = new Map(); // suggested name -> its page
  let asked = "";
  input.addEventListener("input", async () => {
    const text = input.value.trim();
    if (text.length < 2 || text === asked || paths.has(text)) return;
    asked = text;
    const response = await fetch("/search?" + new URLSearchParams({ q: text, limit: "8" }),
      { headers: { Accept: "application/json" } });
    if (!response.ok || asked !== text) return;
    list.textContent = "";
    paths.clear();
    for (const hit of (await response.json()).results) {
      if (paths.has(hit.label)) continue; // two resources of one name: the search page tells them apart
      paths.set(hit.label, hit.path);
      const option = document.createElement("option");
      option.value = hit.label;
      option.label = hit.kind;
      list.appendChild(option);
    }
  });
  form.addEventListener("submit", (event) => {
    const path = paths.get(input.value.trim());
    if (path) {
      event.preventDefault();
      window.location.href = path;
    }
  });
}
