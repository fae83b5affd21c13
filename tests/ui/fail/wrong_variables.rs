// A request is sent only by a client of its own collection: the seed's request cannot be sent
// with the variables (and so the client) of another collection.
mod seed {
    include!("../../../collections/link-a-user-account.postman_collection.rs");
}

mod graphql {
    include!("../../../collections/08-starwars-graphql.postman_collection.rs");
}

fn main() {
    let client = graphql::Client::new(graphql::Variables::default());
    let _ = client.build(&seed::LinkAUserAccount::new("auth0|123"));
}
