// Posts: the bureau and the embassies, as seeded. (Creating and changing posts needs an admin API
// that does not exist yet; this page lists them.)
import { Page } from "../../components/Page.js";
import { useReference } from "../../lib/reference.js";

export function PostsPage() {
  const reference = useReference();
  return (
    <Page title="Posts">
      <p className="muted">Posts are seeded with the installation. Adding or changing one needs the post administration API, which is not there yet.</p>
      <div className="table-scroll">
        <table className="table">
          <caption className="visually-hidden">Posts</caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Host country</th>
              <th scope="col">City</th>
            </tr>
          </thead>
          <tbody>
            {reference.posts.map((post) => (
              <tr key={post.code}>
                <td>{post.code}</td>
                <td>{post.name}</td>
                <td>{post.kind === "bureau" ? "Bureau" : "Embassy"}</td>
                <td>{post.country_code ? reference.countryName(post.country_code) : "—"}</td>
                <td>{post.city}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
