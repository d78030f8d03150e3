/* placeholder until cli lands */
int main(void)
{
    return 0;
}
